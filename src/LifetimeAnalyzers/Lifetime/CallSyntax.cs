using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>How a call is written: the name it calls and the receiver it is called on, read from syntax alone.</summary>
    internal static class CallSyntax
    {
        /// <summary>The name a call is written with; null for a delegate invoked through an expression.</summary>
        public static string? NameOf(InvocationExpressionSyntax invocation) =>
            invocation.Expression switch
            {
                SimpleNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>
        /// The receiver a call is written on: <c>a</c> in <c>a.M()</c> and <c>a?.M()</c>; null for a bare name, and for a
        /// call whose receiver the syntax around it does not give (<c>a?.B()?.C()</c>'s <c>B()</c>).
        /// </summary>
        public static ExpressionSyntax? ReceiverOf(InvocationExpressionSyntax invocation) =>
            invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Expression,
                MemberBindingExpressionSyntax when invocation.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == invocation => conditional.Expression,
                _ => null,
            };
    }
}
