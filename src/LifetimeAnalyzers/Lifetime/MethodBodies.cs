using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The operation tree of a source method's body, wherever in the compilation it is declared: a method or
    /// constructor body, or the block of an expression-bodied property or indexer's getter (<c>int Gain => _levels[1];</c>).
    /// </summary>
    internal static class MethodBodies
    {
        [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer",
            Justification = "Summaries and callback reach need the bodies of the methods a call reaches, which live in other trees.")]
        public static IOperation? Get(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var reference = method.DeclaringSyntaxReferences[0];
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return null;
            }

            var syntax = reference.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(reference.SyntaxTree);
            return model.GetOperation(syntax, cancellationToken) switch
            {
                IMethodBodyOperation body => body,
                IConstructorBodyOperation body => body,
                IBlockOperation { Parent: null } body when syntax is ArrowExpressionClauseSyntax => body,
                _ => null,
            };
        }
    }
}
