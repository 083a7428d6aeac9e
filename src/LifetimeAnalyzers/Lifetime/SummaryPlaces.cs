using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a call, told from its syntax, may be handed a place a method's summary can name: <c>this</c>, a
    /// parameter, or something reached from them. A summary lists releases of those alone, so a release of the
    /// method's own locals, of a value with no place (a new object, a call's result), or of a static member reached from
    /// a generic or built-in type's name, never reaches it. When the syntax cannot tell (a name that may be a field, a
    /// chain from a plain name that may be a type or a field), the answer is that it may.
    /// </summary>
    internal static class SummaryPlaces
    {
        public static bool MayBeHanded(InvocationExpressionSyntax invocation, SyntaxNode method, LocalNames locals)
        {
            // A call by a bare name runs on this, or is static: this may be handed over.
            if (CallSyntax.ReceiverOf(invocation) is not { } receiver || MayBePlace(receiver, method, locals))
            {
                return true;
            }

            // A loop, not Any(): this runs for every call of every method the name test reads, and a lambda over the
            // arguments allocated for each.
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (MayBePlace(argument.Expression, method, locals))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="expression"/>, written in <paramref name="method"/>, may be a place its summary can name.</summary>
        public static bool MayBePlace(ExpressionSyntax expression, SyntaxNode method, LocalNames locals)
        {
            var root = Root(expression);
            switch (root)
            {
                case LiteralExpressionSyntax or BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                    or AnonymousObjectCreationExpressionSyntax or AnonymousFunctionExpressionSyntax or InterpolatedStringExpressionSyntax
                    or InvocationExpressionSyntax or TypeOfExpressionSyntax or DefaultExpressionSyntax:
                // A chain from a name that can only be a type (`ArrayPool<byte>.Shared`, `int.MaxValue`) is static: no summary names it.
                case GenericNameSyntax or PredefinedTypeSyntax or AliasQualifiedNameSyntax:
                    return false;
                case IdentifierNameSyntax name:
                    return !(locals.MayBeLocal(name.Identifier.ValueText) && IsLocal(name, method));
                default:
                    return true;
            }
        }

        /// <summary>Where a member chain starts: <c>buffer</c> in <c>(buffer.Stream!).Inner</c>.</summary>
        private static ExpressionSyntax Root(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                        expression = suppressed.Operand;
                        break;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        break;
                    case MemberAccessExpressionSyntax access:
                        expression = access.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        expression = element.Expression;
                        break;
                    case ConditionalAccessExpressionSyntax conditional:
                        expression = conditional.Expression;
                        break;
                    default:
                        return expression;
                }
            }
        }

        /// <summary>
        /// Whether <paramref name="name"/> names a local declared around it in <paramref name="method"/>: a local in scope
        /// hides any field of that name. Pattern and <c>out</c> variables are not looked for (then it may be a field).
        /// </summary>
        private static bool IsLocal(IdentifierNameSyntax name, SyntaxNode method)
        {
            var text = name.Identifier.ValueText;
            for (SyntaxNode? node = name; node is not null && node != method; node = node.Parent)
            {
                switch (node.Parent)
                {
                    case BlockSyntax block when block.Statements.Any(statement => Declares(statement, text)):
                    case SwitchSectionSyntax { Parent: SwitchStatementSyntax @switch } when @switch.Sections.Any(section => section.Statements.Any(statement => Declares(statement, text))):
                    case ForStatementSyntax @for when Declares(@for.Declaration, text):
                    case UsingStatementSyntax @using when Declares(@using.Declaration, text):
                    case FixedStatementSyntax @fixed when Declares(@fixed.Declaration, text):
                    case ForEachStatementSyntax @foreach when @foreach.Identifier.ValueText == text:
                    case CatchClauseSyntax { Declaration: { } declaration } when declaration.Identifier.ValueText == text:
                        return true;
                }
            }

            return false;
        }

        private static bool Declares(StatementSyntax statement, string name) =>
            statement is LocalDeclarationStatementSyntax local && Declares(local.Declaration, name);

        private static bool Declares(VariableDeclarationSyntax? declaration, string name) =>
            declaration is not null && declaration.Variables.Any(variable => variable.Identifier.ValueText == name);
    }
}
