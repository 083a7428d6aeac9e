using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Which of the contract attributes (<see cref="ContractAttributes"/>) a compilation declares at all, in its source or
    /// a reference. One declared nowhere marks nothing, and the symbols a call runs need not be asked for their
    /// attributes for it: the rules ask about nearly every call.
    /// </summary>
    internal sealed class DeclaredContracts
    {
        private static readonly string[] s_names = { ContractAttributes.Releases, ContractAttributes.ReleaseCallback, ContractAttributes.Registers, ContractAttributes.Unregisters };

        /// <summary>Read on the first question, not when the compilation starts.</summary>
        private readonly Lazy<HashSet<string>> _inReferences;

        private readonly Lazy<HashSet<string>> _anywhere;

        public DeclaredContracts(Compilation compilation, Lazy<SourceNames> sourceNames)
        {
            _inReferences = new Lazy<HashSet<string>>(() => new HashSet<string>(
                s_names.Where(name => compilation.SourceModule.ReferencedAssemblySymbols.Any(assembly => assembly.TypeNames.Contains(name)))));
            _anywhere = new Lazy<HashSet<string>>(() => new HashSet<string>(
                s_names.Where(name => _inReferences.Value.Contains(name) || sourceNames.Value.DeclaresType(name))));
        }

        /// <summary>Whether a referenced assembly declares the attribute: then compiled methods of any name may carry it.</summary>
        public bool InReferences(string attributeName) => _inReferences.Value.Contains(attributeName);

        /// <summary>Whether the attribute is declared in source or in a reference, so that some symbol may carry it.</summary>
        public bool Anywhere(string attributeName) => _anywhere.Value.Contains(attributeName);
    }
}
