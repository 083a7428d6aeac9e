using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Where and how an object was released: what a diagnostic names and points at.</summary>
    internal sealed class ReleaseSite
    {
        public ReleaseSite(IOperation operation, ImmutableArray<string> chain, bool idempotent, bool reportsUses, bool certain)
        {
            Certain = certain;
            Operation = operation;
            Chain = chain;
            Idempotent = idempotent;
            ReportsUses = reportsUses;
        }

        /// <summary>The releasing call (for the end of a <c>using</c>, the implicit <c>Dispose</c> call).</summary>
        public IOperation Operation { get; }

        public ImmutableArray<string> Chain { get; }

        public bool Idempotent { get; }

        /// <summary>False when the release happened on some paths through the releasing call only.</summary>
        public bool Certain { get; }

        /// <summary>This release, known to have happened on some paths only (where two paths meet).</summary>
        public ReleaseSite Uncertain() => Certain ? new ReleaseSite(Operation, Chain, Idempotent, ReportsUses, certain: false) : this;

        /// <summary>
        /// False for <c>this</c> released by one of its own members (<c>Dispose()</c>, <c>base.Dispose()</c>): what
        /// a type does to itself at the end of its own teardown is not a use after release.
        /// </summary>
        public bool ReportsUses { get; }

        /// <summary>The syntax to point at: the call, or the resource of a <c>using</c> statement.</summary>
        public SyntaxNode Syntax => Operation.Syntax switch
        {
            UsingStatementSyntax { Expression: { } resource } => resource,
            UsingStatementSyntax { Declaration: { } declaration } => declaration,
            // `_process?.Dispose()`: the call alone is `.Dispose()`; point at the whole access.
            InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax access } => access,
            var other => other,
        };

        /// <summary>Whether the release is the implicit <c>Dispose</c> at the end of a <c>using</c> statement.</summary>
        private bool IsEndOfUsing =>
            Operation.IsImplicit && (Operation.Syntax is UsingStatementSyntax || Operation.Syntax.Parent is UsingStatementSyntax);

        /// <summary>How a message names the release: <c>'md.UnregisterSubdev(ved)'</c>, or the end of a <c>using</c>.</summary>
        public string Description
        {
            get
            {
                if (IsEndOfUsing)
                {
                    return "the end of the 'using' statement";
                }

                return Describe.Quoted(Syntax);
            }
        }

        /// <summary>The chain of calls that leads to the release, for a message: <c> (A.Unregister → B.Release)</c>, or empty when direct.</summary>
        public string ChainSuffix => Chain.Length > 1 ? " (" + string.Join(" → ", Chain) + ")" : string.Empty;

        /// <summary>Orders sites deterministically when two paths release one object at different places.</summary>
        public int Position => Operation.Syntax.SpanStart;
    }
}
