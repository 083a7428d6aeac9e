using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// Construction through a factory that registers: a private <c>Register</c> method, a static <c>Create</c> that
    /// constructs and then registers, a private constructor, and every <c>new T(…)</c> in the solution made a <c>T.Create(…)</c>.
    /// </summary>
    internal static class FactoryConstruction
    {
        public const string FactoryName = "Create";
        public const string RegisterName = "Register";

        /// <summary>Every <c>new T(…)</c> of the constructor in the solution; null when one cannot become a factory call unchanged.</summary>
        public static async Task<List<(Document Document, BaseObjectCreationExpressionSyntax Creation)>?> FindSitesAsync(IMethodSymbol constructor, Solution solution, CancellationToken cancellationToken)
        {
            var references = await SymbolFinder.FindReferencesAsync(constructor, solution, cancellationToken).ConfigureAwait(false);
            var sites = new List<(Document Document, BaseObjectCreationExpressionSyntax Creation)>();
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                var siteRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var creation = siteRoot?.FindNode(location.Location.SourceSpan).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
                if (creation is null || creation.Initializer is not null || creation.ArgumentList is null)
                {
                    // Chained constructors and object initialisers cannot become factory calls unchanged.
                    return null;
                }

                sites.Add((location.Document, creation));
            }

            return sites;
        }

        public static async Task RewriteSitesAsync(SolutionEditor editor, IEnumerable<(Document Document, BaseObjectCreationExpressionSyntax Creation)> sites, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var (siteDocument, creation) in sites)
            {
                var siteEditor = await editor.GetDocumentEditorAsync(siteDocument.Id, cancellationToken).ConfigureAwait(false);
                // The site's own type syntax keeps its type arguments (new Channel<int>(…) becomes Channel<int>.Create(…)).
                var typeName = creation is ObjectCreationExpressionSyntax { Type: var written } ? written.WithoutTrivia() : ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                var factory = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, typeName, IdentifierName(FactoryName));
                siteEditor.ReplaceNode(creation, InvocationExpression(factory, creation.ArgumentList!).WithTriviaFrom(creation));
            }
        }

        /// <summary>The private <c>Register</c> method, taking the constructor parameters <paramref name="statements"/> use.</summary>
        public static MethodDeclarationSyntax Register(ConstructorDeclarationSyntax constructor, IEnumerable<StatementSyntax> statements, IReadOnlyList<IParameterSymbol> parameters) =>
            MethodDeclaration(PredefinedType(Token(SyntaxKind.VoidKeyword)), RegisterName)
                .AddModifiers(Token(SyntaxKind.PrivateKeyword))
                .WithParameterList(ParameterList(SeparatedList(parameters.Select(p => constructor.ParameterList.Parameters[p.Ordinal].WithDefault(null).WithAttributeLists(default)))))
                .WithBody(Block(statements.Select(s => s.WithoutLeadingTrivia())))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>The static <c>Create</c> factory, as visible as the constructor was: construct, register, return.</summary>
        public static MethodDeclarationSyntax Factory(ConstructorDeclarationSyntax constructor, IReadOnlyList<IParameterSymbol> registerParameters)
        {
            var typeName = constructor.Parent is TypeDeclarationSyntax declaration ? declaration.Identifier.ValueText + declaration.TypeParameterList : constructor.Identifier.ValueText;
            var parameters = constructor.ParameterList.Parameters;
            var instanceName = parameters.Any(p => p.Identifier.ValueText == "instance") ? "created" : "instance";
            return MethodDeclaration(ParseTypeName(typeName), FactoryName)
                .WithModifiers(constructor.Modifiers.Where(m => !m.IsKind(SyntaxKind.PrivateKeyword)).Aggregate(TokenList(), (list, m) => list.Add(m)).Add(Token(SyntaxKind.StaticKeyword)))
                .WithParameterList(constructor.ParameterList)
                .WithBody(Block(
                    LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(instanceName)
                        .WithInitializer(EqualsValueClause(ObjectCreationExpression(ParseTypeName(typeName)).WithArgumentList(Arguments(parameters))))))),
                    ExpressionStatement(InvocationExpression(
                        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(instanceName), IdentifierName(RegisterName)),
                        Arguments(registerParameters.Select(p => parameters[p.Ordinal])))),
                    ReturnStatement(IdentifierName(instanceName))))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The constructor made private, so that only the factory constructs.</summary>
        public static ConstructorDeclarationSyntax MakePrivate(ConstructorDeclarationSyntax constructor) =>
            constructor.WithModifiers(TokenList(Token(SyntaxKind.PrivateKeyword).WithTriviaFrom(constructor.Modifiers.FirstOrDefault())));

        private static ArgumentListSyntax Arguments(IEnumerable<ParameterSyntax> parameters) =>
            ArgumentList(SeparatedList(parameters.Select(p =>
            {
                var argument = Argument(IdentifierName(p.Identifier.ValueText));
                var refKind = p.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword));
                return refKind == default ? argument : argument.WithRefKindKeyword(refKind);
            })));
    }
}
