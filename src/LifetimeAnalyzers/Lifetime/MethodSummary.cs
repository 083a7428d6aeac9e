using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>What one source method does to the objects it is given, on every path that returns.</summary>
    internal sealed class MethodSummary
    {
        public MethodSummary(ImmutableArray<SummaryRelease> releases, ImmutableHashSet<ISymbol> ownWrites, ImmutableArray<IMethodSymbol> thisCallees, ImmutableArray<int> registeredParameters, ImmutableArray<int> unregisteredParameters)
        {
            UnregisteredParameters = unregisteredParameters;
            Releases = releases;
            OwnWrites = ownWrites;
            ThisCallees = thisCallees;
            RegisteredParameters = registeredParameters;
        }

        /// <summary>Parameters, <c>this</c>, and members of them that the method releases on every path that returns (certain), or on some (not).</summary>
        public ImmutableArray<SummaryRelease> Releases { get; }

        /// <summary>
        /// Fields and properties of <c>this</c> the method assigns itself. What its calls on <c>this</c> assign is asked only
        /// when wanted (<see cref="MethodSummaries.WrittenMembers"/>): a summary does not bind the object's other methods for it.
        /// </summary>
        public ImmutableHashSet<ISymbol> OwnWrites { get; }

        /// <summary>Source methods the method calls on <c>this</c>.</summary>
        public ImmutableArray<IMethodSymbol> ThisCallees { get; }

        /// <summary>Parameters the method stores somewhere long-lived (a static, a collection its own object keeps): a registration of the argument.</summary>
        public ImmutableArray<int> RegisteredParameters { get; }

        /// <summary>Parameters the method takes out of long-lived storage: an unregistration of the argument.</summary>
        public ImmutableArray<int> UnregisteredParameters { get; }
    }

    /// <summary>One release in a summary: a parameter (or <see cref="MethodPatterns.Receiver"/> for <c>this</c>), the members below it, and how.</summary>
    internal sealed class SummaryRelease
    {
        public SummaryRelease(int parameterOrdinal, ImmutableArray<ISymbol> members, ImmutableArray<string> chain, bool idempotent, bool certain)
        {
            Certain = certain;
            ParameterOrdinal = parameterOrdinal;
            Members = members;
            Chain = chain;
            Idempotent = idempotent;
        }

        public int ParameterOrdinal { get; }

        public ImmutableArray<ISymbol> Members { get; }

        public ImmutableArray<string> Chain { get; }

        public bool Idempotent { get; }

        /// <summary>True when released on every path that returns; false when on some only.</summary>
        public bool Certain { get; }
    }
}
