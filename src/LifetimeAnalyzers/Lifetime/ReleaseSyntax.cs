using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a source method could release anything, told from its syntax alone: the test before binding its body
    /// for a summary. A release needs a call (written, or one an initializer or a query stands for) or a
    /// <c>using</c> statement; a method with none of them, such as most register decoding, releases nothing.
    /// </summary>
    internal static class ReleaseSyntax
    {
        public static bool In(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax or UsingStatementSyntax or InitializerExpressionSyntax or QueryExpressionSyntax or CollectionExpressionSyntax)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
