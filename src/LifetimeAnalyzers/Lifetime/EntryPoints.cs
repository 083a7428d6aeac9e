using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Where code holding an object can enter it: the overrides and interface implementations of its type. Found once per
    /// type: every registration of the object itself asks, in each rule that follows its callbacks.
    /// </summary>
    internal sealed class EntryPoints
    {
        private readonly LifetimeContext _context;
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<IMethodSymbol>> _byType =
            new ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);

        public EntryPoints(LifetimeContext context)
        {
            _context = context;
        }

        /// <remarks>Teardown members are left out: whoever tears the object down is not calling it back.</remarks>
        public ImmutableArray<IMethodSymbol> Of(INamedTypeSymbol type) =>
            _byType.TryGetValue(type, out var known) ? known : _byType.GetOrAdd(type, Find(type));

        private ImmutableArray<IMethodSymbol> Find(INamedTypeSymbol type)
        {
            var found = ImmutableArray.CreateBuilder<IMethodSymbol>();
            for (var current = type; current is not null && SymbolFacts.IsInSource(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { IsOverride: true, IsStatic: false } method)
                    {
                        Add(method, found);
                    }
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers())
                {
                    if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation && SymbolFacts.IsInSource(implementation))
                    {
                        Add(implementation, found);
                    }
                }
            }

            return found.ToImmutable();
        }

        private void Add(IMethodSymbol method, ImmutableArray<IMethodSymbol>.Builder found)
        {
            if (!Teardowns.IsTeardown(method, _context))
            {
                found.Add(method);
            }
        }
    }
}
