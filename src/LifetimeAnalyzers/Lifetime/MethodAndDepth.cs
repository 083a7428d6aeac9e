using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Compares the keys of per-method, per-depth caches: symbols by symbol equality.</summary>
    internal sealed class MethodAndDepth : IEqualityComparer<(IMethodSymbol Method, int Depth)>
    {
        public static MethodAndDepth Comparer { get; } = new MethodAndDepth();

        public bool Equals((IMethodSymbol Method, int Depth) x, (IMethodSymbol Method, int Depth) y) =>
            x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Depth) key) =>
            unchecked((SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31) + key.Depth);
    }
}
