using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The attributes a user declares to state their framework's contract (the third recognition layer).
    /// They are matched by name in any namespace, so nobody needs a runtime dependency on this package.
    /// </summary>
    internal static class ContractAttributes
    {
        public const string Releases = "ReleasesAttribute";
        public const string ReleaseCallback = "ReleaseCallbackAttribute";
        public const string Registers = "RegistersAttribute";
        public const string Unregisters = "UnregistersAttribute";

        public static bool Has(ISymbol symbol, string attributeName)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == attributeName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The ordinals of the parameters that carry the attribute. Asked of every call: when none does, nothing is allocated.</summary>
        public static ImmutableArray<int> MarkedParameters(IMethodSymbol method, string attributeName)
        {
            ImmutableArray<int>.Builder? marked = null;
            foreach (var parameter in method.Parameters)
            {
                if (Has(parameter, attributeName))
                {
                    (marked ??= ImmutableArray.CreateBuilder<int>()).Add(parameter.Ordinal);
                }
            }

            return marked?.ToImmutable() ?? ImmutableArray<int>.Empty;
        }

        /// <summary>True when the method or a method it overrides carries the attribute.</summary>
        public static bool HasOnMethodOrOverridden(IMethodSymbol method, string attributeName)
        {
            // Override chains are short; the bound only guards against malformed metadata.
            IMethodSymbol? current = method;
            for (var steps = 0; current is not null && steps < 16; steps++)
            {
                if (Has(current, attributeName))
                {
                    return true;
                }

                current = current.OverriddenMethod;
            }

            return false;
        }
    }
}
