using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>What one run of every analyzer of the package over one compilation produced.</summary>
    internal sealed class AnalysisOutcome
    {
        public AnalysisOutcome(ImmutableArray<Diagnostic> diagnostics, ImmutableArray<string> failures, bool timedOut, bool hung, TimeSpan elapsed, TimeSpan analyzerTime)
        {
            Diagnostics = diagnostics;
            Failures = failures;
            TimedOut = timedOut;
            Hung = hung;
            Elapsed = elapsed;
            AnalyzerTime = analyzerTime;
        }

        /// <summary>The package's diagnostics, in the order the analyzer driver returned them; AD0001 excluded.</summary>
        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>Exceptions the driver caught, and AD0001 diagnostics, as text with their stack traces.</summary>
        public ImmutableArray<string> Failures { get; }

        /// <summary>The analysis did not finish in time: it was cancelled after the bound times <see cref="FuzzSettings.WallClockSlack"/>.</summary>
        public bool TimedOut { get; }

        /// <summary>The analysis did not even stop when cancelled.</summary>
        public bool Hung { get; }

        /// <summary>The whole run: the compiler's binding and the analyzers.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The time spent in the package's analyzers alone, as the driver measured it.</summary>
        public TimeSpan AnalyzerTime { get; }

        /// <summary>Why the analysis broke its time bound, or null when it did not.</summary>
        public string? TimeProblem(TimeSpan bound) =>
            Hung ? $"the analysis did not stop when cancelled after {bound.TotalSeconds * FuzzSettings.WallClockSlack:0} s"
            : TimedOut ? $"the analysis did not finish within {bound.TotalSeconds * FuzzSettings.WallClockSlack:0} s"
            : AnalyzerTime > bound ? $"the analyzers took {AnalyzerTime.TotalSeconds:0.0} s, more than {bound.TotalSeconds:0} s"
            : null;
    }

    /// <summary>What running the code fixes on some diagnostics of one document produced.</summary>
    internal sealed class FixOutcome
    {
        /// <summary>Calls of <see cref="CodeFixProvider.RegisterCodeFixesAsync"/> and <see cref="CodeRefactoringProvider.ComputeRefactoringsAsync"/>.</summary>
        public int Invocations => InvocationsPerFix.Values.Sum();

        /// <summary>The invocations of each provider, by type name.</summary>
        public Dictionary<string, int> InvocationsPerFix { get; } = new(StringComparer.Ordinal);

        /// <summary>Code actions whose operations were computed and whose changed solution was read.</summary>
        public int ActionsApplied { get; set; }

        /// <summary>The fix-alls applied for each provider, by type name.</summary>
        public Dictionary<string, int> FixAllsPerFix { get; } = new(StringComparer.Ordinal);

        /// <summary>Fix-all actions, in document scope, computed and applied.</summary>
        public int FixAllsApplied { get; set; }

        public List<string> Failures { get; } = new();

        /// <summary>Counts one invocation of the provider named <paramref name="name"/>.</summary>
        public void Invoked(string name) => InvocationsPerFix[name] = InvocationsPerFix.TryGetValue(name, out var count) ? count + 1 : 1;

        /// <summary>Fixes of code that compiled, whose result does not compile: what, and the first new errors.</summary>
        public List<string> BrokenResults { get; } = new();
    }

    /// <summary>
    /// Runs every analyzer and every code fix of the package, found by reflection, the way a host does, with
    /// every exception captured and every step bounded in time.
    /// </summary>
    internal sealed class PackageHarness : IDisposable
    {
        /// <summary>After cancelling, how long a step may take to stop before it counts as a hang.</summary>
        private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(10);

        private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

        private readonly AdhocWorkspace _workspace = new();

        public PackageHarness()
        {
            Analyzers = PackageContents.Analyzers();
            CodeFixes = PackageContents.CodeFixProviderTypes()
                .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
                .ToImmutableArray();
            Refactorings = PackageContents.CodeRefactoringProviderTypes()
                .Select(type => (CodeRefactoringProvider)Activator.CreateInstance(type)!)
                .ToImmutableArray();
            SupportedIds = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        public ImmutableArray<CodeFixProvider> CodeFixes { get; }

        public ImmutableArray<CodeRefactoringProvider> Refactorings { get; }

        public ImmutableHashSet<string> SupportedIds { get; }

        /// <summary>A one-project solution holding <paramref name="files"/> (name and text), compiled against the test framework references.</summary>
        public Project CreateProject(params (string Name, string Text)[] files) => CreateProject(files, nullable: true);

        /// <param name="nullable">
        /// Whether nullable analysis is on. The compiler's nullable analysis costs more than anything else on huge
        /// generated shapes, and the analyzers do not depend on it: those turn it off.
        /// </param>
        public Project CreateProject(IEnumerable<(string Name, string Text)> files, bool nullable)
        {
            files = files.ToList();
            var hasTopLevelStatements = files.Any(file =>
                CSharpSyntaxTree.ParseText(file.Text, s_parseOptions).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
            var options = new CSharpCompilationOptions(
                hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                allowUnsafe: true);
            var projectId = ProjectId.CreateNewId();
            var solution = _workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                compilationOptions: options,
                parseOptions: s_parseOptions,
                metadataReferences: TestReferences.Framework));
            foreach (var (name, text) in files)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: "/" + name);
            }

            return solution.GetProject(projectId)!;
        }

        /// <summary>Every analyzer of the package over the project: see the overload on a compilation.</summary>
        public async Task<AnalysisOutcome> AnalyzeAsync(
            Project project,
            TimeSpan bound,
            bool concurrent = false,
            AnalyzerConfigOptionsProvider? options = null)
        {
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            return await AnalyzeAsync(compilation, bound, concurrent, options).ConfigureAwait(false);
        }

        /// <summary>
        /// Every analyzer of the package over the compilation. The analyzers' own time is measured, to compare
        /// with <paramref name="bound"/>; the whole run is cancelled after <see cref="FuzzSettings.WallClockSlack"/> times the bound.
        /// </summary>
        /// <param name="only">Some of the analyzers instead of all.</param>
        public async Task<AnalysisOutcome> AnalyzeAsync(
            Compilation compilation,
            TimeSpan bound,
            bool concurrent = false,
            AnalyzerConfigOptionsProvider? options = null,
            ImmutableArray<DiagnosticAnalyzer> only = default)
        {
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(
                only.IsDefault ? Analyzers : only,
                new CompilationWithAnalyzersOptions(
                    options is null
                        ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty)
                        : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options),
                    onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: true));

            var stopwatch = Stopwatch.StartNew();
            var (completed, result) = await RunBoundedAsync(
                token => withAnalyzers.GetAnalyzerDiagnosticsAsync(token),
                TimeSpan.FromTicks(bound.Ticks * FuzzSettings.WallClockSlack)).ConfigureAwait(false);
            stopwatch.Stop();
            if (completed != Completion.Finished)
            {
                return new AnalysisOutcome(ImmutableArray<Diagnostic>.Empty, exceptions.ToImmutableArray(), timedOut: true, hung: completed == Completion.Hung, stopwatch.Elapsed, TimeSpan.Zero);
            }

            var failures = exceptions
                .Concat(result.Where(d => d.Id.StartsWith("AD", StringComparison.Ordinal)).Select(d => $"{d.Id}: {d.GetMessage()}"))
                .ToImmutableArray();
            var diagnostics = result.Where(d => SupportedIds.Contains(d.Id)).ToImmutableArray();
            var analyzerTime = TimeSpan.Zero;
            foreach (var analyzer in withAnalyzers.Analyzers)
            {
                analyzerTime += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime;
            }

            return new AnalysisOutcome(diagnostics, failures, timedOut: false, hung: false, stopwatch.Elapsed, analyzerTime);
        }

        /// <summary>
        /// Every code fix that claims the diagnostic's id, on each of <paramref name="targets"/>: its actions are
        /// computed and applied, and so is its fix-all in document scope. No exception may escape any step.
        /// </summary>
        /// <param name="checkCompiles">Whether the project compiles without errors, and every fixed version must too.</param>
        public async Task<FixOutcome> FixAsync(Project project, ImmutableArray<Diagnostic> allDiagnostics, IEnumerable<Diagnostic> targets, TimeSpan bound, bool checkCompiles = false)
        {
            // A fix step has no separate measure of its own time: the whole step gets the slack of a whole analysis.
            bound = TimeSpan.FromTicks(bound.Ticks * FuzzSettings.WallClockSlack);
            var outcome = new FixOutcome();
            var fixAllsDone = new HashSet<(DocumentId, CodeFixProvider, string, string?)>();
            foreach (var diagnostic in targets)
            {
                if (!diagnostic.Location.IsInSource || project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                foreach (var provider in CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var name = provider.GetType().Name;
                    var actions = new List<CodeAction>();
                    outcome.Invoked(name);
                    var registered = await StepAsync(
                        outcome,
                        $"{name}.RegisterCodeFixesAsync on {Describe(diagnostic)}",
                        token => provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), token)),
                        bound).ConfigureAwait(false);
                    if (!registered)
                    {
                        continue;
                    }

                    foreach (var action in Flatten(actions))
                    {
                        var actionName = $"{name} action '{action.Title}' on {Describe(diagnostic)}";
                        if (await StepAsync(outcome, actionName, token => ApplyAsync(project.Solution, action, token, checkCompiles ? outcome.BrokenResults : null, actionName), bound).ConfigureAwait(false))
                        {
                            outcome.ActionsApplied++;
                        }

                        if (provider.GetFixAllProvider() is not { } fixAll || !fixAllsDone.Add((document.Id, provider, diagnostic.Id, action.EquivalenceKey)))
                        {
                            continue;
                        }

                        var inDocument = allDiagnostics.Where(d => d.Id == diagnostic.Id && d.Location.SourceTree == diagnostic.Location.SourceTree).ToImmutableArray();
                        var what = $"{name} fix-all '{action.EquivalenceKey}' in {document.Name}";
                        if (await StepAsync(
                                outcome,
                                what,
                                async token =>
                                {
                                    var context = new FixAllContext(document, provider, FixAllScope.Document, action.EquivalenceKey, new[] { diagnostic.Id }, new FixedDiagnostics(inDocument), token);
                                    if (await fixAll.GetFixAsync(context).ConfigureAwait(false) is { } fixAllAction)
                                    {
                                        await ApplyAsync(project.Solution, fixAllAction, token, checkCompiles ? outcome.BrokenResults : null, what).ConfigureAwait(false);
                                    }
                                },
                                bound).ConfigureAwait(false))
                        {
                            outcome.FixAllsApplied++;
                            outcome.FixAllsPerFix[name] = outcome.FixAllsPerFix.TryGetValue(name, out var fixAlls) ? fixAlls + 1 : 1;
                        }
                    }
                }
            }

            return outcome;
        }

        /// <summary>
        /// Every refactoring of the package on the header of every class, as an IDE asks when the caret is on its name:
        /// its actions are computed and applied. No exception may escape any step.
        /// </summary>
        /// <param name="checkCompiles">Whether the project compiles without errors, and every refactored version must too.</param>
        public async Task<FixOutcome> RefactorAsync(Project project, TimeSpan bound, bool checkCompiles = false)
        {
            bound = TimeSpan.FromTicks(bound.Ticks * FuzzSettings.WallClockSlack);
            var outcome = new FixOutcome();
            foreach (var document in project.Documents)
            {
                var root = await document.GetSyntaxRootAsync().ConfigureAwait(false);
                foreach (var declaration in root!.DescendantNodes().OfType<ClassDeclarationSyntax>())
                {
                    foreach (var provider in Refactorings)
                    {
                        var name = provider.GetType().Name;
                        var what = $"{name} on class '{declaration.Identifier.ValueText}' in {document.Name}";
                        var actions = new List<CodeAction>();
                        outcome.Invoked(name);
                        if (!await StepAsync(outcome, what, token => provider.ComputeRefactoringsAsync(new CodeRefactoringContext(document, declaration.Identifier.Span, actions.Add, token)), bound).ConfigureAwait(false))
                        {
                            continue;
                        }

                        foreach (var action in Flatten(actions))
                        {
                            if (await StepAsync(outcome, what, token => ApplyAsync(project.Solution, action, token, checkCompiles ? outcome.BrokenResults : null, what), bound).ConfigureAwait(false))
                            {
                                outcome.ActionsApplied++;
                            }
                        }
                    }
                }
            }

            return outcome;
        }

        public void Dispose() => _workspace.Dispose();

        /// <summary>
        /// The diagnostics by file, position and id. The driver's own order follows the order in which the compiler,
        /// building concurrently, finishes methods: whatever picks among diagnostics must sort them first.
        /// </summary>
        public static ImmutableArray<Diagnostic> InSourceOrder(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Location.SourceSpan.End)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();

        public static string Describe(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return $"{diagnostic.Id} at {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }

        /// <summary>Runs one step with a time bound; records an exception or a hang as a failure. True when it finished cleanly.</summary>
        private static async Task<bool> StepAsync(FixOutcome outcome, string what, Func<CancellationToken, Task> step, TimeSpan bound)
        {
            try
            {
                var (completed, _) = await RunBoundedAsync(
                    async token =>
                    {
                        await step(token).ConfigureAwait(false);
                        return true;
                    },
                    bound).ConfigureAwait(false);
                if (completed == Completion.Finished)
                {
                    return true;
                }

                outcome.Failures.Add(completed == Completion.Hung
                    ? $"{what} did not stop within {s_stopGrace.TotalSeconds:0} s of being cancelled after {bound.TotalSeconds:0} s"
                    : $"{what} took more than {bound.TotalSeconds:0} s");
                return false;
            }
            catch (Exception exception)
            {
                outcome.Failures.Add($"{what} threw {exception}");
                return false;
            }
        }

        private enum Completion
        {
            Finished,
            Cancelled,
            Hung,
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool with a token cancelled after <paramref name="bound"/>;
        /// gives up waiting (a hang) when it has not stopped <see cref="s_stopGrace"/> after that.
        /// </summary>
        private static async Task<(Completion, T)> RunBoundedAsync<T>(Func<CancellationToken, Task<T>> work, TimeSpan bound)
        {
            using var cancellation = new CancellationTokenSource(bound);
            var task = Task.Run(() => work(cancellation.Token));
            if (await Task.WhenAny(task, Task.Delay(bound + s_stopGrace)).ConfigureAwait(false) != task)
            {
                _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                return (Completion.Hung, default!);
            }

            try
            {
                return (Completion.Finished, await task.ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return (Completion.Cancelled, default!);
            }
        }

        /// <param name="broken">Where to record the new compiler errors of each changed project, if they are checked.</param>
        private static async Task ApplyAsync(Solution original, CodeAction action, CancellationToken cancellationToken, List<string>? broken = null, string? what = null)
        {
            foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is not ApplyChangesOperation apply)
                {
                    continue;
                }

                foreach (var projectChanges in apply.ChangedSolution.GetChanges(original).GetProjectChanges())
                {
                    foreach (var id in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true).Concat(projectChanges.GetAddedDocuments()))
                    {
                        var changed = apply.ChangedSolution.GetDocument(id)!;
                        var text = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
                        _ = text.ToString();
                    }

                    if (broken is not null
                        && apply.ChangedSolution.GetProject(projectChanges.ProjectId) is { } changedProject
                        && await changedProject.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is { } compilation)
                    {
                        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        if (errors.Count > 0)
                        {
                            var shown = await Task.WhenAll(errors.Take(3).Select(async e => $"{e} in: {(await FixedLineAsync(changedProject, e, cancellationToken).ConfigureAwait(false)).Trim()}")).ConfigureAwait(false);
                            lock (broken)
                            {
                                broken.Add($"{what} leaves {errors.Count} compiler error(s):\n  " + string.Join("\n  ", shown));
                            }
                        }
                    }
                }
            }
        }

        private static async Task<string> FixedLineAsync(Project project, Diagnostic error, CancellationToken cancellationToken)
        {
            if (!error.Location.IsInSource || project.GetDocument(error.Location.SourceTree) is not { } document)
            {
                return string.Empty;
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return text.Lines.GetLineFromPosition(error.Location.SourceSpan.Start).ToString();
        }

        /// <summary>The actions and, for an action that only groups others, the actions it holds.</summary>
        private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
        {
            foreach (var action in actions)
            {
                var nested = NestedActions(action);
                if (nested.IsDefaultOrEmpty)
                {
                    yield return action;
                    continue;
                }

                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }

        // The nested actions are not public API in every Roslyn version the tests may run against.
        private static ImmutableArray<CodeAction> NestedActions(CodeAction action)
        {
            foreach (var name in new[] { "NestedActions", "NestedCodeActions" })
            {
                var property = typeof(CodeAction).GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
                if (property?.GetValue(action) is ImmutableArray<CodeAction> nested)
                {
                    return nested;
                }
            }

            return ImmutableArray<CodeAction>.Empty;
        }

        /// <summary>Fix-all diagnostics: those already computed, as a host would hand them over.</summary>
        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return _diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree?.FilePath);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
