using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// LIFE001 fix: when the late use is a cleanup statement about the released object, move it to the start of the
    /// object's release callback, so the callback is the destructor that frees everything (the design the vimc
    /// maintainers asked for). The planning and the edit are <see cref="ReleaseCallbackCleanup"/>'s.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveCleanupIntoReleaseCallbackFix)), Shared]
    public sealed class MoveCleanupIntoReleaseCallbackFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(MoveCleanupIntoReleaseCallbackFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE001UseAfterRelease.Id);

        /// <summary>
        /// One edit for every cleanup in scope: several may land in one callback, and the batch fixer cannot merge
        /// insertions at one place.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => MoveAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await ReleaseCallbackCleanup.PlanAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } move)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Move the cleanup into '{move.Callback.ContainingType.Name}.{move.Callback.Name}'",
                            token => ReleaseCallbackCleanup.ApplyAsync(document.Project.Solution, new[] { move }, token),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private sealed class MoveAll : FixAllProvider
        {
            public static MoveAll Instance { get; } = new MoveAll();

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
                Task.FromResult<CodeAction?>(CodeAction.Create(
                    "Move the cleanups into their release callbacks",
                    token => MoveAllAsync(fixAllContext, token),
                    EquivalenceKey));

            private static async Task<Solution> MoveAllAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                var moves = new List<ReleaseCallbackCleanup.Move>();
                foreach (var document in DocumentsInScope(context))
                {
                    foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    {
                        if (await ReleaseCallbackCleanup.PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } move)
                        {
                            moves.Add(move);
                        }
                    }
                }

                return await ReleaseCallbackCleanup.ApplyAsync(context.Solution, moves, cancellationToken).ConfigureAwait(false);
            }

            private static IEnumerable<Document> DocumentsInScope(FixAllContext context) => context.Scope switch
            {
                FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
                FixAllScope.Project => context.Project.Documents,
                _ => context.Document is { } document ? new[] { document } : Enumerable.Empty<Document>(),
            };
        }
    }
}
