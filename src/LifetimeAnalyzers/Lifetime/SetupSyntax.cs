using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a member's syntax could register the object or build one of its fields from another, the two things
    /// <see cref="TypeFacts"/> looks for: the test before binding the member. A registration hands over <c>this</c>, a
    /// lambda or one of the object's methods (named alone, or after <c>this.</c> or <c>base.</c>), subscribes with
    /// <c>+=</c>, or starts what another member created; a dependent is assigned a new object built from arguments, or
    /// the result of a call on something.
    /// </summary>
    internal sealed class SetupSyntax
    {
        /// <summary>The names of the object's methods, its bases' included: a method group may name any of them.</summary>
        private readonly HashSet<string> _methodNames = new HashSet<string>();

        public SetupSyntax(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                    {
                        _methodNames.Add(member.Name);
                    }
                }
            }
        }

        public bool MaySetUp(SyntaxNode member)
        {
            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case ThisExpressionSyntax or BaseExpressionSyntax:
                    case AnonymousFunctionExpressionSyntax:
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression }:
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when MayBuild(assignment.Right):
                    // `_worker.Start()`: a bare `Start()` is the object's own method.
                    case InvocationExpressionSyntax { Expression: not SimpleNameSyntax } invocation when CallSyntax.NameOf(invocation) is "Start" or "Change":
                    case IdentifierNameSyntax name when _methodNames.Contains(name.Identifier.ValueText) && !IsCalledOrQualified(name):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A value a field may be built from another with: a new object given arguments, or a call made on something.</summary>
        private static bool MayBuild(ExpressionSyntax value)
        {
            // The conversions the bound value may be wrapped in: parentheses, casts, `as`, `!`.
            while (value is ParenthesizedExpressionSyntax or CastExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression }
                or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                value = value switch
                {
                    ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                    CastExpressionSyntax cast => cast.Expression,
                    BinaryExpressionSyntax @as => @as.Left,
                    _ => ((PostfixUnaryExpressionSyntax)value).Operand,
                };
            }

            return value switch
            {
                BaseObjectCreationExpressionSyntax creation => creation.ArgumentList is { Arguments.Count: > 0 },
                InvocationExpressionSyntax invocation => invocation.Expression is MemberAccessExpressionSyntax,
                _ => false,
            };
        }

        /// <summary>A name that is called, or qualified by something other than <c>this</c>: not a method group of the object.</summary>
        private static bool IsCalledOrQualified(IdentifierNameSyntax name) =>
            name.Parent switch
            {
                InvocationExpressionSyntax invocation => invocation.Expression == name,
                MemberAccessExpressionSyntax access => access.Name == name,
                MemberBindingExpressionSyntax => true,
                _ => false,
            };
    }
}
