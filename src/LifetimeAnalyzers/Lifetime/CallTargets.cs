using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Which methods a call written in a method may run, told from the declared type of its receiver without binding
    /// the method's body: a call on <c>this</c>, on a parameter, or on a field or property of the object can only run
    /// a method of that name declared on the receiver's type or its bases. Null when the syntax cannot tell (a name
    /// one of the method's variables may have, a type name); the caller then goes by the name alone.
    /// </summary>
    internal static class CallTargets
    {
        public static IReadOnlyList<IMethodSymbol>? Of(InvocationExpressionSyntax invocation, string name, IMethodSymbol caller, LocalNames locals, SourceNames sourceNames)
        {
            var receiver = CallSyntax.ReceiverOf(invocation);
            if (receiver is not null && !ChainOfSourceNames(receiver, caller, locals, sourceNames))
            {
                // Built-in types and compiled types, and what their members return: nothing in source, but an extension method.
                return sourceNames.ExtensionMayApply(name, receiver: null) ? null : System.Array.Empty<IMethodSymbol>();
            }

            // A bare name: the object's own methods, inherited ones, or (when none has the name) something the syntax cannot tell.
            var receiverType = receiver is null ? (invocation.Expression is SimpleNameSyntax ? caller.ContainingType : null) : TypeOf(receiver, caller, locals);
            if (receiver is not null && receiverType is not null && sourceNames.ExtensionMayApply(name, receiverType))
            {
                return null;
            }

            // A nullable value's calls (`reading?.Write()`) run its underlying type's methods, or extensions of that type.
            if (receiverType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                receiverType = nullable.TypeArguments[0];
                if (sourceNames.ExtensionMayApply(name, receiverType))
                {
                    return null;
                }
            }

            if (receiverType is null or { TypeKind: TypeKind.TypeParameter or TypeKind.Dynamic })
            {
                return null;
            }

            if (!SymbolFacts.IsInSource(receiverType))
            {
                // A compiled type, or one that is not there: no source method runs.
                return System.Array.Empty<IMethodSymbol>();
            }

            var found = MethodsNamed(receiverType, name);
            // None by that name on the object's own type: a static import or an outer type's method, which syntax cannot tell.
            return found.Count > 0 || invocation.Expression is not SimpleNameSyntax ? found : null;
        }

        /// <summary>
        /// The source methods of that name the type has, or inherits. Compiled types derive only from compiled types, and
        /// their methods have no bodies here: those the engine knows by name are asked about before.
        /// </summary>
        private static List<IMethodSymbol> MethodsNamed(ITypeSymbol type, string name)
        {
            var found = new List<IMethodSymbol>();
            foreach (var declaring in type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : BaseChain(type))
            {
                if (SymbolFacts.IsInSource(declaring))
                {
                    foreach (var member in declaring.GetMembers(name))
                    {
                        if (member is IMethodSymbol method)
                        {
                            found.Add(method);
                        }
                    }
                }
            }

            return found;
        }

        private static IEnumerable<ITypeSymbol> BaseChain(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current is not null && SymbolFacts.IsInSource(current); current = current.BaseType)
            {
                yield return current;
            }
        }

        /// <summary>
        /// Whether a receiver may involve source declarations: anything but a chain of names (<c>Console.Out</c>,
        /// <c>int</c>) none of which is a variable of the method, a member of its object, or a source type.
        /// </summary>
        private static bool ChainOfSourceNames(ExpressionSyntax receiver, IMethodSymbol caller, LocalNames locals, SourceNames sourceNames)
        {
            switch (receiver)
            {
                case PredefinedTypeSyntax:
                    return false;
                case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access:
                    return sourceNames.MayBeSourceType(member.Identifier.ValueText, receiver.SyntaxTree) || ChainOfSourceNames(access.Expression, caller, locals, sourceNames);
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    return locals.MayBeLocal(name) || caller.Parameters.Any(p => p.Name == name) || HasMember(caller.ContainingType, name) || sourceNames.MayBeSourceType(name, receiver.SyntaxTree);
                default:
                    return true;
            }
        }

        /// <summary>Whether the type, a base or an enclosing type has any member of that name.</summary>
        private static bool HasMember(INamedTypeSymbol? type, string name)
        {
            for (var outer = type; outer is not null; outer = outer.ContainingType)
            {
                for (var current = outer; current is not null; current = current.BaseType)
                {
                    if (!current.GetMembers(name).IsEmpty)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The declared type of a receiver that names <c>this</c>, a parameter, or a field or property of the object.</summary>
        private static ITypeSymbol? TypeOf(ExpressionSyntax receiver, IMethodSymbol caller, LocalNames locals)
        {
            switch (receiver)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return TypeOf(parenthesized.Expression, caller, locals);
                case ThisExpressionSyntax:
                    return caller.ContainingType;
                case BaseExpressionSyntax:
                    return caller.ContainingType?.BaseType;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member }:
                    return MemberType(member.Identifier.ValueText, caller.ContainingType);
                case IdentifierNameSyntax identifier when !locals.MayBeLocal(identifier.Identifier.ValueText):
                    var name = identifier.Identifier.ValueText;
                    return caller.Parameters.FirstOrDefault(p => p.Name == name)?.Type ?? MemberType(name, caller.ContainingType);
                default:
                    return null;
            }
        }

        private static ITypeSymbol? MemberType(string name, INamedTypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    switch (member)
                    {
                        case IFieldSymbol field:
                            return field.Type;
                        case IPropertySymbol property:
                            return property.Type;
                    }
                }
            }

            return null;
        }
    }
}
