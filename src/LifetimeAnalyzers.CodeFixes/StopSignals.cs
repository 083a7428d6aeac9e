using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>Statements that tell a worker or callback to stop before it is waited for; they move with the wait.</summary>
    internal static class StopSignals
    {
        /// <summary><c>_cts.Cancel()</c>, <c>_stop.Set()</c>, <c>_running = false</c>.</summary>
        public static bool Is(StatementSyntax statement) =>
            statement is ExpressionStatementSyntax
            {
                Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cancel" or "Set" } }
                    or AssignmentExpressionSyntax { Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression or (int)SyntaxKind.TrueLiteralExpression } },
            };
    }
}
