using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>LIFE004 fix: remove the second release, when it is a statement of its own.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSecondReleaseFix)), Shared]
    public sealed class RemoveSecondReleaseFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(RemoveSecondReleaseFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE004DoubleRelease.Id);

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
                var release = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (diagnostic.Properties.ContainsKey(DoubleReleaseAnalyzer.FirstOnEveryPath) && release.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax } statement
                    && Unwrap(statement.Expression).Span == release.Span)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove the second release", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The call an expression statement makes, looking through <c>await</c>.</summary>
        private static ExpressionSyntax Unwrap(ExpressionSyntax expression) =>
            expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression;
    }
}
