using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>LIFE004 fix: clear the pointer right after the first release (<c>Marshal.FreeHGlobal(p); p = IntPtr.Zero;</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClearAfterReleaseFix)), Shared]
    public sealed class ClearAfterReleaseFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(ClearAfterReleaseFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE004DoubleRelease.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DoubleReleaseAnalyzer.ClearStatement, out var text) || text is null || diagnostic.AdditionalLocations.Count == 0
                    || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax block } first)
                {
                    continue;
                }

                var clear = SyntaxFactory.ParseStatement(Unqualified(text, model, first.SpanStart));
                if (clear.ContainsDiagnostics)
                {
                    continue;
                }

                clear = clear.WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(first.GetTrailingTrivia());
                var fixedBlock = block.WithStatements(block.Statements.Insert(block.Statements.IndexOf(first) + 1, clear));
                context.RegisterCodeFix(
                    CodeAction.Create($"Clear it after the first release ({clear.ToString().Trim()})", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(block, fixedBlock))), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>Writes <c>IntPtr.Zero</c> rather than <c>System.IntPtr.Zero</c> where <c>System</c> is imported.</summary>
        private static string Unqualified(string text, SemanticModel model, int position)
        {
            foreach (var type in new[] { "IntPtr", "UIntPtr" })
            {
                var qualified = "System." + type + ".Zero";
                if (text.Contains(qualified) && model.LookupNamespacesAndTypes(position, name: type).Any(s => s.ToDisplayString() == "System." + type || s.ToDisplayString() == "nint" || s.ToDisplayString() == "nuint"))
                {
                    text = text.Replace(qualified, type + ".Zero");
                }
            }

            return text;
        }
    }
}
