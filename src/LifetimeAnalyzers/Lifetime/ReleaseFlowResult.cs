using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>What <see cref="ReleaseFlow"/> found in one graph.</summary>
    internal sealed class ReleaseFlowResult
    {
        public ReleaseFlowResult(ImmutableArray<UseAfterRelease> uses, ImmutableArray<DoubleRelease> doubleReleases, ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>> releasedAtExit, bool pathsMeet)
        {
            Uses = uses;
            DoubleReleases = doubleReleases;
            ReleasedAtExit = releasedAtExit;
            PathsMeet = pathsMeet;
        }

        /// <summary>Uses of places released on every path to them, in source order.</summary>
        public ImmutableArray<UseAfterRelease> Uses { get; }

        /// <summary>Releases of places already released on every path to them, in source order.</summary>
        public ImmutableArray<DoubleRelease> DoubleReleases { get; }

        /// <summary>Places released on every path that returns normally (on some path, for a run that tracks those).</summary>
        public ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>> ReleasedAtExit { get; }

        /// <summary>
        /// Whether two paths meet anywhere in the graph. Where none do, each point has one path to it, so what holds on
        /// some path holds on every path: a run of either kind tells both.
        /// </summary>
        public bool PathsMeet { get; }
    }

    /// <summary>One use of a released place.</summary>
    internal sealed class UseAfterRelease
    {
        public UseAfterRelease(IOperation use, AccessPath path, ReleaseSite release)
        {
            Use = use;
            Path = path;
            Release = release;
        }

        /// <summary>The operation that names the released place at the use.</summary>
        public IOperation Use { get; }

        public AccessPath Path { get; }

        public ReleaseSite Release { get; }
    }

    /// <summary>A release of a place that every path to it has released already.</summary>
    internal sealed class DoubleRelease
    {
        public DoubleRelease(AccessPath path, ReleaseSite first, ReleaseSite second, IOperation operand)
        {
            Path = path;
            First = first;
            Second = second;
            Operand = operand;
        }

        public AccessPath Path { get; }

        public ReleaseSite First { get; }

        public ReleaseSite Second { get; }

        /// <summary>The operand of the second release: its receiver or argument.</summary>
        public IOperation Operand { get; }
    }

    /// <summary>What the final pass over a graph collects.</summary>
    internal sealed class FlowFindings
    {
        public Dictionary<SyntaxNode, UseAfterRelease> Uses { get; } = new Dictionary<SyntaxNode, UseAfterRelease>();

        public Dictionary<SyntaxNode, DoubleRelease> DoubleReleases { get; } = new Dictionary<SyntaxNode, DoubleRelease>();
    }
}
