using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// The split moves statements in and out of the constructor and the teardown, so those that are written as
    /// <c>=&gt; expression;</c> are first given a block body with the one statement. Other members keep their form.
    /// </summary>
    internal static class BlockBodies
    {
        private static readonly SyntaxAnnotation s_class = new SyntaxAnnotation(nameof(BlockBodies));

        /// <summary>The document with the class's constructors and teardown-like methods in block form, and the class in it.</summary>
        public static async Task<(Document Document, ClassDeclarationSyntax Declaration)?> ExpandAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var members = declaration.Members.OfType<BaseMethodDeclarationSyntax>().Where(IsVoidExpressionBodied).ToList();
            if (members.Count == 0)
            {
                return (document, declaration);
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            var expanded = declaration.ReplaceNodes(members, (_, member) => member
                    .WithBody(Block(ExpressionStatement(member.ExpressionBody!.Expression.WithoutTrivia())))
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithAdditionalAnnotations(Formatter.Annotation))
                .WithAdditionalAnnotations(s_class);
            var changed = document.WithSyntaxRoot(root.ReplaceNode(declaration, expanded));
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return changedRoot?.GetAnnotatedNodes(s_class).FirstOrDefault() is ClassDeclarationSyntax found ? (changed, found) : null;
        }

        private static bool IsVoidExpressionBodied(BaseMethodDeclarationSyntax member) =>
            member.ExpressionBody is not null
            && member is ConstructorDeclarationSyntax
                or MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }, Identifier.ValueText: "Dispose" or "Close" or "Stop" or "Release" };
    }
}
