using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Small facts about symbols that several parts of the engine ask.</summary>
    internal static class SymbolFacts
    {
        /// <summary>Whether the symbol is declared in source code, of this compilation or of one it references.</summary>
        public static bool IsInSource(ISymbol symbol)
        {
            // Told by assembly first: a source type builds its locations anew each time it is asked, and this is asked
            // of most calls. A symbol of a compiled assembly, or one seen through another's (retargeted), is told by its locations.
            if (symbol.ContainingAssembly is ISourceAssemblySymbol)
            {
                return true;
            }

            foreach (var location in symbol.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The declaration an override chain starts at: <c>Subdevice.Release</c> for any override of it.</summary>
        public static IMethodSymbol RootDefinition(IMethodSymbol method)
        {
            var root = method.OriginalDefinition;
            // Override chains are short; the bound only guards against malformed metadata.
            for (var steps = 0; root.OverriddenMethod is { } overridden && steps < 16; steps++)
            {
                root = overridden.OriginalDefinition;
            }

            return root;
        }

        /// <summary>
        /// The declaration of a method whose body the engine reads for it: a generic method's definition, a partial method's
        /// implementation.
        /// </summary>
        public static IMethodSymbol Definition(IMethodSymbol method) => method.PartialImplementationPart ?? method.OriginalDefinition;

        /// <summary>How a message names a method: <c>MediaDevice.UnregisterSubdev</c>.</summary>
        public static string DisplayName(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

        /// <summary>Whether <paramref name="type"/> is, or implements, <paramref name="interface"/>.</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface)
        {
            if (type is null || @interface is null)
            {
                return false;
            }

            if (Is(type, @interface))
            {
                return true;
            }

            // A generic type implements a non-generic interface when its definition does: the definition's interfaces are
            // found once for all its constructions, where each construction's would be built anew (List<Client>, List<byte[]>).
            foreach (var candidate in (@interface.IsGenericType ? type : type.OriginalDefinition).AllInterfaces)
            {
                if (Is(candidate, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
