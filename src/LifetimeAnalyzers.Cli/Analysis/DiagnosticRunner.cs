using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Cli.Output;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Cli.Analysis
{
    /// <summary>What one analysis pass found.</summary>
    internal sealed record AnalysisResult(ImmutableArray<Diagnostic> Diagnostics, int ProjectCount, int DocumentCount);

    /// <summary>
    /// Runs the selected analyzers over projects of a solution, document by document (so progress can be shown),
    /// with the options the project's <c>.editorconfig</c> files give: severities and <c>lifetime_analyzers.*</c> settings.
    /// </summary>
    internal sealed class DiagnosticRunner
    {
        private readonly RuleCatalog _catalog;
        private readonly ProgressReporter _progress;
        private readonly ConcurrentDictionary<string, byte> _analyzerFailures = new(StringComparer.Ordinal);

        public DiagnosticRunner(RuleCatalog catalog, ProgressReporter progress)
        {
            _catalog = catalog;
            _progress = progress;
        }

        /// <summary>One line for each analyzer exception met so far (an analyzer defect, reported as AD0001 by a build).</summary>
        public IReadOnlyList<string> AnalyzerFailures => _analyzerFailures.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        public async Task<AnalysisResult> AnalyzeAsync(Solution solution, IReadOnlyList<ProjectId> projectIds, CancellationToken cancellationToken)
        {
            var projects = projectIds.Select(solution.GetProject).OfType<Project>().ToList();
            var total = projects.Sum(p => p.DocumentIds.Count);
            var done = 0;
            var found = new List<Diagnostic>();
            foreach (var project in projects)
            {
                _progress.Report($"Compiling {project.Name}", force: true);
                var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation is null)
                {
                    continue;
                }

                var analysis = WithAnalyzers(compilation, project);
                var documents = project.Documents.ToList();
                var perDocument = new ImmutableArray<Diagnostic>[documents.Count];
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, documents.Count), parallel, async (index, token) =>
                {
                    perDocument[index] = await AnalyzeDocumentAsync(analysis, documents[index], token).ConfigureAwait(false);
                    var count = Interlocked.Increment(ref done);
                    _progress.Report($"Analysing {project.Name}: {count}/{total} documents analysed", force: count == total);
                }).ConfigureAwait(false);

                found.AddRange(perDocument.SelectMany(d => d));
                found.AddRange(await WholeCompilationDiagnosticsAsync(analysis, cancellationToken).ConfigureAwait(false));
            }

            return new AnalysisResult(found.ToImmutableArray(), projects.Count, total);
        }

        /// <summary>The diagnostics of the selected rules in one document, against the current state of its project.</summary>
        public async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Document document, CancellationToken cancellationToken)
        {
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                return ImmutableArray<Diagnostic>.Empty;
            }

            var analysis = WithAnalyzers(compilation, document.Project);
            var inDocument = await AnalyzeDocumentAsync(analysis, document, cancellationToken).ConfigureAwait(false);
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var wholeCompilation = await WholeCompilationDiagnosticsAsync(analysis, cancellationToken).ConfigureAwait(false);
            return inDocument.AddRange(wholeCompilation.Where(d => d.Location.SourceTree == tree)).Distinct().ToImmutableArray();
        }

        private async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(CompilationWithAnalyzers analysis, Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            if (tree is null)
            {
                return ImmutableArray<Diagnostic>.Empty;
            }

            var model = analysis.Compilation.GetSemanticModel(tree);
            var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
            var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
            return Keep(syntax.AddRange(semantic));
        }

        /// <summary>
        /// What the analyzers that act at the end of a compilation or of a symbol report: those can only run over the
        /// whole compilation, so they get a pass of their own (the others are done, document by document).
        /// </summary>
        private async Task<ImmutableArray<Diagnostic>> WholeCompilationDiagnosticsAsync(CompilationWithAnalyzers analysis, CancellationToken cancellationToken)
        {
            var needWholeCompilation = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var analyzer in analysis.Analyzers)
            {
                var counts = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
                if (counts.CompilationEndActionsCount > 0 || counts.CompilationActionsCount > 0 || counts.SymbolEndActionsCount > 0)
                {
                    needWholeCompilation.Add(analyzer);
                }
            }

            if (needWholeCompilation.Count == 0)
            {
                return ImmutableArray<Diagnostic>.Empty;
            }

            var result = await analysis.GetAnalysisResultAsync(needWholeCompilation.ToImmutable(), cancellationToken).ConfigureAwait(false);
            return Keep(result.GetAllDiagnostics());
        }

        private CompilationWithAnalyzers WithAnalyzers(Compilation compilation, Project project)
        {
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: OnAnalyzerException,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false);
            return compilation.WithAnalyzers(_catalog.Analyzers, options);
        }

        /// <summary>The diagnostics a user sees: of the selected rules, not hidden, not suppressed in source.</summary>
        private ImmutableArray<Diagnostic> Keep(ImmutableArray<Diagnostic> diagnostics) =>
            diagnostics.Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden && _catalog.RuleIds.Contains(d.Id)).ToImmutableArray();

        private void OnAnalyzerException(Exception exception, DiagnosticAnalyzer analyzer, Diagnostic diagnostic)
        {
            var where = diagnostic.Location.SourceTree?.FilePath is { Length: > 0 } path ? " in " + path : "";
            var message = exception.Message.ReplaceLineEndings(" ");
            _analyzerFailures.TryAdd($"{analyzer.GetType().Name} threw {exception.GetType().Name}{where}: {message}", 0);
        }
    }
}
