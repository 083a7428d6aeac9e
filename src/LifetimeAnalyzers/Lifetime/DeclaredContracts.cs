using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Which of the contract attributes (<see cref="ContractAttributes"/>) a compilation declares at all, in its source or
    /// a reference, and the engine's way of reading them: one declared nowhere marks nothing, and the symbols a call runs
    /// are not asked for their attributes for it. The rules ask about nearly every call.
    /// </summary>
    internal sealed class DeclaredContracts
    {
        private static readonly string[] s_names = { ContractAttributes.Releases, ContractAttributes.ReleaseCallback, ContractAttributes.Registers, ContractAttributes.Unregisters };

        /// <summary>By the index of each name in <see cref="s_names"/>; read on the first question, not when the compilation starts.</summary>
        private readonly Lazy<bool[]> _inReferences;

        private readonly Lazy<bool[]> _anywhere;

        public DeclaredContracts(Compilation compilation, Lazy<SourceNames> sourceNames)
        {
            _inReferences = new Lazy<bool[]>(() => s_names
                .Select(name => compilation.SourceModule.ReferencedAssemblySymbols.Any(assembly => assembly.TypeNames.Contains(name)))
                .ToArray());
            _anywhere = new Lazy<bool[]>(() => s_names
                .Select((name, index) => _inReferences.Value[index] || sourceNames.Value.DeclaresType(name))
                .ToArray());
        }

        /// <summary>Whether a referenced assembly declares the attribute: then compiled methods of any name may carry it.</summary>
        public bool InReferences(string attributeName) => _inReferences.Value[IndexOf(attributeName)];

        /// <summary>Whether the attribute is declared in source or in a reference, so that some symbol may carry it.</summary>
        public bool Anywhere(string attributeName) => _anywhere.Value[IndexOf(attributeName)];

        /// <summary>The index of <paramref name="attributeName"/> in <see cref="s_names"/>.</summary>
        /// <remarks>Compared by reference first: the names asked for are those constants. A search of the array cost a share of every call's question.</remarks>
        private static int IndexOf(string attributeName)
        {
            for (var i = 0; i < s_names.Length; i++)
            {
                if (ReferenceEquals(s_names[i], attributeName))
                {
                    return i;
                }
            }

            return Array.IndexOf(s_names, attributeName);
        }

        /// <inheritdoc cref="ContractAttributes.MarkedParameters"/>
        public ImmutableArray<int> MarkedParameters(IMethodSymbol method, string attributeName) =>
            Anywhere(attributeName) ? ContractAttributes.MarkedParameters(method, attributeName) : ImmutableArray<int>.Empty;

        /// <inheritdoc cref="ContractAttributes.HasOnMethodOrOverridden"/>
        public bool HasOnMethodOrOverridden(IMethodSymbol method, string attributeName) =>
            Anywhere(attributeName) && ContractAttributes.HasOnMethodOrOverridden(method, attributeName);
    }
}
