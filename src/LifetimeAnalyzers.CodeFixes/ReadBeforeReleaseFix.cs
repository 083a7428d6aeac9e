using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// LIFE001 fix: read the member the late use needs into a local before the release (the vimc maintainers'
    /// "auxiliary variable"), and use the local afterwards.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadBeforeReleaseFix)), Shared]
    public sealed class ReadBeforeReleaseFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(ReadBeforeReleaseFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE001UseAfterRelease.Id);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

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
                if (HoistedRead.Plan(root, model, diagnostic, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Read '{plan.Read}' into a local before the release",
                            token => ApplyAsync(context.Document, new[] { diagnostic }, token),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

        private static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var plans = diagnostics
                .Select(d => HoistedRead.Plan(editor.OriginalRoot, editor.SemanticModel, d, cancellationToken))
                .OfType<HoistedRead>()
                .ToList();

            // Every late read of the same member, hoisted before the same release, shares one local.
            // Names chosen in this pass, per body: two methods may each get their own `id`.
            var taken = new Dictionary<SyntaxNode, HashSet<string>>();
            foreach (var group in plans.GroupBy(p => (p.Before, p.Read), (key, members) => members.ToList()))
            {
                var first = group[0];
                var name = first.ExistingLocal();
                if (name is null)
                {
                    if (!taken.TryGetValue(first.Body, out var takenInBody))
                    {
                        taken[first.Body] = takenInBody = new HashSet<string>();
                    }

                    name = first.LocalName(editor.SemanticModel, takenInBody);
                    takenInBody.Add(name);
                    var declaration = SyntaxFactory.LocalDeclarationStatement(
                            SyntaxFactory.VariableDeclaration(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.SingletonSeparatedList(
                                    SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(first.Access.WithoutTrivia())))))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    editor.InsertBefore(first.Before, declaration);
                }

                foreach (var plan in group.GroupBy(p => p.Access).Select(g => g.First()))
                {
                    editor.ReplaceNode(plan.Access, SyntaxFactory.IdentifierName(name).WithTriviaFrom(plan.Access));
                }
            }

            return editor.GetChangedDocument();
        }
    }
}
