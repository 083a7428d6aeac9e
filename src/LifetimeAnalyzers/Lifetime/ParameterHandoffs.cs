using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a source method could hand one of its parameters on, told from its syntax: the test before binding it to
    /// learn which parameters it registers or unregisters. Its summary finds those only where a parameter itself is an
    /// argument of a call (an extension method's receiver among them) or the value of an assignment; a method that only
    /// reads its parameters' members, compares them or calls them (a register decoder, a delegate it is given) is never
    /// bound for it. Any use the test does not know counts as handing on.
    /// </summary>
    internal sealed class ParameterHandoffs
    {
        private readonly ConcurrentDictionary<SyntaxNode, bool> _answers = new ConcurrentDictionary<SyntaxNode, bool>();

        public bool MayHandOn(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.Parameters.IsEmpty)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (!_answers.TryGetValue(declaration, out var answer))
                {
                    answer = _answers.GetOrAdd(declaration, Compute(declaration, method, cancellationToken));
                }

                if (answer)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Compute(SyntaxNode declaration, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>();
            foreach (var parameter in method.Parameters)
            {
                names.Add(parameter.Name);
            }

            foreach (var node in declaration.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText) && !IsMemberName(identifier) && !ReadInPlace(identifier))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A name that is not a variable: the member in <c>x.name</c>, <c>?.name</c>, or an argument's or initializer's label.</summary>
        private static bool IsMemberName(IdentifierNameSyntax identifier) =>
            identifier.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Name == identifier,
                QualifiedNameSyntax qualified => qualified.Right == identifier,
                MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => true,
                _ => false,
            };

        /// <summary>
        /// Whether the value is used where it stays: its members read, compared, tested, called as a delegate, returned,
        /// or assigned to. Such a use is no argument of a call and no assigned value, even through parentheses, casts
        /// or <c>!</c>.
        /// </summary>
        private static bool ReadInPlace(ExpressionSyntax name)
        {
            ExpressionSyntax value = name;
            while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression }
                || value.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                value = (ExpressionSyntax)value.Parent;
            }

            return value.Parent switch
            {
                // p.Length, p.Flush() is not: an extension method's receiver is its first argument.
                MemberAccessExpressionSyntax access => access.Expression == value && !(access.Parent is InvocationExpressionSyntax call && call.Expression == access),
                ElementAccessExpressionSyntax element => element.Expression == value,
                InvocationExpressionSyntax call => call.Expression == value,
                AssignmentExpressionSyntax assignment => assignment.Left == value,
                BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or IsPatternExpressionSyntax => true,
                ConditionalExpressionSyntax conditional => conditional.Condition == value,
                IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax or SwitchExpressionSyntax => true,
                ReturnStatementSyntax or ArrowExpressionClauseSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or ExpressionStatementSyntax => true,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } => true,
                _ => false,
            };
        }
    }
}
