using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// The disposables an object creates itself (<c>new T(…)</c> in a field initialiser or at the top of its constructor)
    /// and never lets go of: no member releases it, hands it to a call, stores it elsewhere or returns it. Those are the
    /// object's alone to release; anything that leaves the object may be owned by whoever took it.
    /// </summary>
    internal static class OwnedFields
    {
        /// <summary>The fields, in creation order.</summary>
        public static IEnumerable<IFieldSymbol> NeverLetGo(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SemanticModel model, LifetimeContext lifetime, CancellationToken cancellationToken)
        {
            var created = Created(type, declaration, model, cancellationToken).Where(f => SymbolFacts.Implements(f.Type, lifetime.Symbols.IDisposable)).ToList();
            if (created.Count == 0)
            {
                return created;
            }

            var letGo = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
            var bodies = declaration.Members.SelectMany(m => m is BaseMethodDeclarationSyntax
                ? new SyntaxNode[] { m }
                : m.DescendantNodes().Where(n => n is AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax));
            foreach (var body in bodies)
            {
                if (model.GetOperation(body, cancellationToken) is { } operation)
                {
                    CollectLetGo(operation, letGo);
                }
            }

            return created.Where(f => !letGo.Contains(f));
        }

        private static void CollectLetGo(IOperation body, HashSet<IFieldSymbol> letGo)
        {
            foreach (var reference in body.DescendantsAndSelf().OfType<IFieldReferenceOperation>())
            {
                var user = reference.Parent;
                while (user is IConversionOperation)
                {
                    user = user.Parent;
                }

                var lets = user switch
                {
                    IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" } call => call.Instance == reference || call.Instance == reference.Parent,
                    IArgumentOperation or IReturnOperation or IUsingOperation or IUsingDeclarationOperation or IVariableInitializerOperation => true,
                    ISimpleAssignmentOperation assignment => assignment.Value == reference || assignment.Value == reference.Parent,
                    _ => false,
                };
                if (lets)
                {
                    letGo.Add(reference.Field.OriginalDefinition);
                }
            }
        }

        private static IEnumerable<IFieldSymbol> Created(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
        {
            var created = new List<IFieldSymbol>();
            foreach (var field in declaration.Members.OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables))
            {
                if (field.Initializer?.Value is BaseObjectCreationExpressionSyntax && model.GetDeclaredSymbol(field, cancellationToken) is IFieldSymbol { IsStatic: false } symbol)
                {
                    created.Add(symbol);
                }
            }

            var constructor = declaration.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword));
            foreach (var statement in constructor?.Body?.Statements ?? default)
            {
                if (model.GetOperation(statement, cancellationToken) is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: var field } } assignment }
                    && AccessPaths.SkipConversions(assignment.Value) is IObjectCreationOperation
                    && SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                    && !created.Contains(field, SymbolEqualityComparer.Default))
                {
                    created.Add(field);
                }
            }

            return created;
        }
    }
}
