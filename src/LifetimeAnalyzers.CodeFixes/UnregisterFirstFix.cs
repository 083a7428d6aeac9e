using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// LIFE003 fix: undo the registration (or release the dependent) before releasing the resource. The later step
    /// moves up, with the stop signals just before it (<c>_cts.Cancel()</c> before <c>_worker.Join()</c>); where nothing
    /// undoes the registration, the matching undo is inserted at the start of the teardown.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnregisterFirstFix)), Shared]
    public sealed class UnregisterFirstFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(UnregisterFirstFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE003ReleaseWhileRegistered.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Rewrite(root, diagnostic) is { } fixedRoot)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Unregister first", _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } release)
            {
                return null;
            }

            if (diagnostic.Properties.TryGetValue(ReleaseWhileRegisteredAnalyzer.MoveFirst, out var span) && SpanProperty.Parse(span) is { } stepSpan)
            {
                return MoveBefore(root, block, release, stepSpan);
            }

            if (diagnostic.Properties.TryGetValue(ReleaseWhileRegisteredAnalyzer.InsertFirst, out var statement) && statement is not null
                && release.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>()?.Body is { } body)
            {
                var undo = SyntaxFactory.ParseStatement(statement);
                if (undo.ContainsDiagnostics)
                {
                    return null;
                }

                undo = body.Statements.FirstOrDefault() is { } first
                    ? undo.WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(first.GetTrailingTrivia())
                    : undo.WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(body, body.WithStatements(body.Statements.Insert(0, undo)));
            }

            return null;
        }

        /// <summary>Moves the step (and the stop signals right before it) in front of the release, when both are in one block.</summary>
        private static SyntaxNode? MoveBefore(SyntaxNode root, BlockSyntax block, StatementSyntax release, TextSpan stepSpan)
        {
            var step = root.FindNode(stepSpan).AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
            var statements = block.Statements;
            var from = statements.IndexOf(release);
            var to = step is null ? -1 : statements.IndexOf(step);
            if (to <= from)
            {
                return null;
            }

            var first = to;
            while (first - 1 > from && StopSignals.Is(statements[first - 1]))
            {
                first--;
            }

            var moved = statements.Skip(first).Take(to - first + 1).ToList();
            var rest = statements.Where((_, i) => i < first || i > to).ToList();
            var insertAt = rest.IndexOf(release);
            rest.InsertRange(insertAt, moved.Select(s => s.WithLeadingTrivia(release.GetLeadingTrivia())));
            return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(rest)));
        }
    }
}
