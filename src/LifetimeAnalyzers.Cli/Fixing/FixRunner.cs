using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Cli.Analysis;
using LifetimeAnalyzers.Cli.Output;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LifetimeAnalyzers.Cli.Fixing
{
    /// <summary>
    /// Applies the package's code fixes to the documents that have diagnostics of the selected rules: per document,
    /// the first fix that offers an action, as a Fix All over that document with the equivalence key of the first
    /// action offered (or, where a fix has no Fix All, that one action), repeated while it keeps removing diagnostics.
    /// </summary>
    internal sealed class FixRunner
    {
        /// <summary>At most this many fix passes per document: each pass must remove diagnostics, or it is undone.</summary>
        private const int MaxPassesPerDocument = 8;

        private readonly RuleCatalog _catalog;
        private readonly DiagnosticRunner _analysis;
        private readonly ProgressReporter _progress;

        public FixRunner(RuleCatalog catalog, DiagnosticRunner analysis, ProgressReporter progress)
        {
            _catalog = catalog;
            _analysis = analysis;
            _progress = progress;
        }

        /// <summary>The solution with every fix applied (in memory; nothing is written here).</summary>
        public async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            // A file shared by several projects (one per target framework) is fixed once, in the first of them.
            var documents = diagnostics
                .Where(d => _catalog.Fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id)))
                .Select(d => d.Location.SourceTree is { } tree ? solution.GetDocument(tree) : null)
                .OfType<Document>()
                .Where(d => d.FilePath is not null)
                .GroupBy(d => d.FilePath!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.First().Id)
                .ToList();

            var done = 0;
            foreach (var documentId in documents)
            {
                _progress.Report($"Fixing: {done}/{documents.Count} documents", force: true);
                solution = await FixDocumentAsync(solution, documentId, cancellationToken).ConfigureAwait(false);
                done++;
            }

            return solution;
        }

        private async Task<Solution> FixDocumentAsync(Solution solution, DocumentId documentId, CancellationToken cancellationToken)
        {
            Solution? beforeLastPass = null;
            var diagnosticsBeforeLastPass = int.MaxValue;
            for (var pass = 0; pass <= MaxPassesPerDocument; pass++)
            {
                if (solution.GetDocument(documentId) is not { } document)
                {
                    break;
                }

                var diagnostics = await _analysis.AnalyzeDocumentAsync(document, cancellationToken).ConfigureAwait(false);
                if (beforeLastPass is not null && diagnostics.Length >= diagnosticsBeforeLastPass)
                {
                    // The last pass changed the code but removed nothing: keep the code as it was.
                    return beforeLastPass;
                }

                if (pass == MaxPassesPerDocument || await FixOnceAsync(document, diagnostics, cancellationToken).ConfigureAwait(false) is not { } fixedSolution)
                {
                    break;
                }

                beforeLastPass = solution;
                diagnosticsBeforeLastPass = diagnostics.Length;
                solution = fixedSolution;
            }

            return solution;
        }

        /// <summary>One fix pass over a document: the solution it produces, or null when no fix changes anything.</summary>
        private async Task<Solution?> FixOnceAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var fixer in _catalog.Fixers)
            {
                var ids = _catalog.FixableBy(fixer);
                var fixable = diagnostics.Where(d => ids.Contains(d.Id)).ToImmutableArray();
                foreach (var diagnostic in fixable)
                {
                    var action = await FirstActionAsync(fixer, document, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (action is null)
                    {
                        continue;
                    }

                    if (fixer.GetFixAllProvider() is { } fixAll
                        && fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Document)
                        && await FixAllAsync(fixAll, fixer, document, action.EquivalenceKey, ids, fixable, cancellationToken).ConfigureAwait(false) is { } all
                        && Changes(document.Project.Solution, all))
                    {
                        return all;
                    }

                    if (await ApplyAsync(action, cancellationToken).ConfigureAwait(false) is { } one && Changes(document.Project.Solution, one))
                    {
                        return one;
                    }
                }
            }

            return null;
        }

        private static async Task<CodeAction?> FirstActionAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(
                document,
                diagnostic,
                (action, _) =>
                {
                    lock (actions)
                    {
                        actions.Add(action);
                    }
                },
                cancellationToken);
            await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);

            // A group of actions (a submenu in the IDE) stands for its first member.
            var first = actions.FirstOrDefault();
            while (first is not null && !first.NestedActions.IsDefaultOrEmpty)
            {
                first = first.NestedActions[0];
            }

            return first;
        }

        private static async Task<Solution?> FixAllAsync(
            FixAllProvider fixAll,
            CodeFixProvider fixer,
            Document document,
            string? equivalenceKey,
            ImmutableHashSet<string> ids,
            ImmutableArray<Diagnostic> diagnostics,
            CancellationToken cancellationToken)
        {
            var context = new FixAllContext(document, fixer, FixAllScope.Document, equivalenceKey, ids, new KnownDiagnostics(document, diagnostics), cancellationToken);
            return await fixAll.GetFixAsync(context).ConfigureAwait(false) is { } action
                ? await ApplyAsync(action, cancellationToken).ConfigureAwait(false)
                : null;
        }

        private static async Task<Solution?> ApplyAsync(CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            return operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        }

        private static bool Changes(Solution before, Solution after) => after.GetChanges(before).GetProjectChanges().Any();

        /// <summary>Hands Fix All the diagnostics already computed for the document.</summary>
        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly DocumentId _document;
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public KnownDiagnostics(Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                _document = document.Id;
                _diagnostics = diagnostics;
            }

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                Task.FromResult(document.Id == _document ? _diagnostics.AsEnumerable() : Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(project.Id == _document.ProjectId ? _diagnostics.AsEnumerable() : Enumerable.Empty<Diagnostic>());
        }
    }
}
