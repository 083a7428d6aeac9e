using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>The operation tree of a source method's body, wherever in the compilation it is declared.</summary>
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

            var model = compilation.GetSemanticModel(reference.SyntaxTree);
            return model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) switch
            {
                IMethodBodyOperation body => body,
                IConstructorBodyOperation body => body,
                _ => null,
            };
        }
    }
}
