using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>What <see cref="ReleaseFlow"/> found in one graph.</summary>
    internal sealed class ReleaseFlowResult
    {
        public ReleaseFlowResult(ImmutableArray<UseAfterRelease> uses, ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>> releasedAtExit)
        {
            Uses = uses;
            ReleasedAtExit = releasedAtExit;
        }

        /// <summary>Uses of places released on every path to them, in source order.</summary>
        public ImmutableArray<UseAfterRelease> Uses { get; }

        /// <summary>Places released on every path that returns normally.</summary>
        public ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>> ReleasedAtExit { get; }
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
}
