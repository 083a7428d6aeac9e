using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>One object a call releases: its receiver or one of its arguments and, for releases a callee summary
    /// reports, the members below it (<c>Cleanup(dev)</c> may release <c>dev.Buffer</c>).</summary>
    internal sealed class ReleaseEffect
    {
        public ReleaseEffect(IOperation operand, bool isReceiver, ImmutableArray<ISymbol> members, ImmutableArray<string> chain, bool idempotent, bool certain = true)
        {
            Certain = certain;
            Operand = operand;
            IsReceiver = isReceiver;
            Members = members;
            Chain = chain;
            Idempotent = idempotent;
        }

        /// <summary>The receiver or the argument's value.</summary>
        public IOperation Operand { get; }

        public bool IsReceiver { get; }

        public ImmutableArray<ISymbol> Members { get; }

        /// <summary>The calls that lead to the release, outermost first: <c>MediaDevice.UnregisterSubdev, Subdevice.Release</c>.</summary>
        public ImmutableArray<string> Chain { get; }

        /// <summary>Whether releasing twice is harmless (<c>Dispose</c>, by contract) or not (<c>FreeHGlobal</c>).</summary>
        public bool Idempotent { get; }

        /// <summary>False when the call releases the object on some of its paths only (an error path, say).</summary>
        public bool Certain { get; }
    }
}
