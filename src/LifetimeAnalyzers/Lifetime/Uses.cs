using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether reading a place dereferences the object it holds or hands it to other code: a use. Copying the
    /// reference, comparing it, testing it for null, or releasing it again is not.
    /// </summary>
    internal static class Uses
    {
        public static bool IsUse(IOperation operation, ReleaseFlow flow)
        {
            switch (operation.Parent)
            {
                case IInvocationOperation invocation when invocation.Instance == operation:
                    return !IsHarmless(invocation.TargetMethod, flow.Symbols) && !Releases(invocation, operation, flow);
                case IEventReferenceOperation:
                    // Unsubscribing from a released source is harmless; teardown order is another rule's business.
                    return false;
                case IMemberReferenceOperation member when member.Instance == operation:
                    return !IsStateQuery(member.Member);
                case IArrayElementReferenceOperation element when element.ArrayReference == operation:
                    return true;
                case IAwaitOperation:
                    return true;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out }:
                    // An out argument is written, not read: it starts a new life.
                    return false;
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument:
                    return !IsHarmless(invocation.TargetMethod, flow.Symbols) && !Releases(invocation, argument.Value, flow);
                case IArgumentOperation:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A flag that asks whether the object's life has ended (<c>IsDisposed</c>, <c>IsClosed</c>): reading it afterwards is
        /// what it is for.
        /// </summary>
        public static bool IsStateQuery(ISymbol member)
        {
            var type = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            var name = member.Name.StartsWith("Is", System.StringComparison.Ordinal) ? member.Name.Substring(2) : member.Name.TrimStart('_');
            return type?.SpecialType == SpecialType.System_Boolean
                && name.TrimStart('_') is "Disposed" or "disposed" or "Closed" or "closed" or "Released" or "released" or "Freed" or "freed" or "Allocated" or "allocated";
        }

        /// <summary>Methods that look at an object's identity, or keep it alive, without touching its state.</summary>
        public static bool IsHarmless(IMethodSymbol method, KnownSymbols symbols)
        {
            var type = method.ContainingType;
            if (SymbolFacts.Is(type, symbols.GC) || SymbolFacts.Is(type, symbols.Monitor))
            {
                return true;
            }

            return SymbolFacts.Is(type, symbols.Object) && method.Name is "ReferenceEquals" or "Equals" or "GetHashCode" or "GetType";
        }

        private static bool Releases(IInvocationOperation invocation, IOperation operand, ReleaseFlow flow)
        {
            foreach (var effect in flow.EffectsOf(invocation))
            {
                if (effect.Operand == operand && effect.Members.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
