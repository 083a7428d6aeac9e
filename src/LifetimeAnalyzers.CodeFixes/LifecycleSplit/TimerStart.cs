using System.Collections.Generic;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// A <c>System.Threading.Timer</c> created running, split the way the kernel splits <c>timer_setup</c> from
    /// <c>mod_timer</c>: the constructor creates it stopped (<c>Timeout.Infinite</c>), <c>Register</c> starts it with
    /// <c>Change(due, period)</c>. The field stays assigned in the constructor, so it stays readonly and non-null.
    /// </summary>
    internal sealed class TimerStart
    {
        private TimerStart(ExpressionStatementSyntax statement, StatementSyntax stopped, StatementSyntax start, IEnumerable<SyntaxNode> startArguments)
        {
            Statement = statement;
            Stopped = stopped;
            Start = start;
            StartArguments = startArguments;
        }

        /// <summary>The constructor's <c>_timer = new Timer(OnTick, state, due, period);</c>.</summary>
        public ExpressionStatementSyntax Statement { get; }

        /// <summary>What the constructor keeps: the same creation with an infinite due time and period.</summary>
        public StatementSyntax Stopped { get; }

        /// <summary>What <c>Register</c> does: <c>_timer.Change(due, period);</c>.</summary>
        public StatementSyntax Start { get; }

        /// <summary>The due time and period, which now run in <c>Register</c>.</summary>
        public IEnumerable<SyntaxNode> StartArguments { get; }

        public static TimerStart? Of(StatementSyntax statement, Registration registration, KnownSymbols symbols)
        {
            if (registration.Operation is not IObjectCreationOperation { Arguments.Length: 4 } creation
                || !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.ThreadingTimer)
                || statement is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment } expression
                || assignment.Right != creation.Syntax
                || creation.Syntax is not BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 4 } syntax
                || InfiniteFor(creation.Constructor?.Parameters[2].Type) is not { } infinite)
            {
                return null;
            }

            var arguments = syntax.ArgumentList!.Arguments;
            var stopped = arguments.Replace(arguments[2], arguments[2].WithExpression(infinite.WithTriviaFrom(arguments[2].Expression)));
            stopped = stopped.Replace(stopped[3], stopped[3].WithExpression(infinite.WithTriviaFrom(arguments[3].Expression)));
            var stoppedCreation = syntax.WithArgumentList(syntax.ArgumentList.WithArguments(stopped));
            var stoppedStatement = expression.WithExpression(assignment.WithRight(stoppedCreation));
            var start = ExpressionStatement(InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, assignment.Left.WithoutTrivia(), IdentifierName("Change")),
                ArgumentList(SeparatedList(new[] { arguments[2].WithoutTrivia(), arguments[3].WithoutTrivia() }))));
            return new TimerStart(expression, stoppedStatement, start, new SyntaxNode[] { arguments[2], arguments[3] });
        }

        /// <summary><c>Timeout.Infinite</c> for the integer overloads, <c>Timeout.InfiniteTimeSpan</c> for the TimeSpan one.</summary>
        private static ExpressionSyntax? InfiniteFor(ITypeSymbol? type)
        {
            var member = type?.SpecialType switch
            {
                SpecialType.System_Int32 or SpecialType.System_Int64 => "Infinite",
                _ when type?.Name == "TimeSpan" => "InfiniteTimeSpan",
                _ => null,
            };
            return member is null ? null : ParseExpression("global::System.Threading.Timeout." + member).WithAdditionalAnnotations(Simplifier.Annotation);
        }
    }
}
