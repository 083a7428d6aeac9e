using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// In which order an init body publishes <c>this</c> and assigns its own state: which assignments may run after each
    /// registration. Told from the operation tree, which suffices while code runs in the order written; from the
    /// control-flow graph where a loop or a <c>goto</c> runs code written earlier after code written later.
    /// </summary>
    internal sealed class InitOrder
    {
        private InitOrder(ImmutableArray<LateAssignment> assignments, ImmutableArray<(Registration Registration, ImmutableArray<LateAssignment> Following)> following)
        {
            Assignments = assignments;
            Following = following;
        }

        /// <summary>Every assignment of the object's own state in the body.</summary>
        public ImmutableArray<LateAssignment> Assignments { get; }

        /// <summary>Each registration, with the assignments that may run after it.</summary>
        public ImmutableArray<(Registration Registration, ImmutableArray<LateAssignment> Following)> Following { get; }

        /// <param name="registrations">The body's registrations, as its operation tree shows them.</param>
        /// <param name="graph">The body's control-flow graph, built only when the order needs it.</param>
        public static InitOrder Of(IOperation body, ImmutableArray<Registration> registrations, Func<ControlFlowGraph> graph, LifetimeContext context, CancellationToken cancellationToken)
        {
            // A registration in a loop, or a body that jumps, runs code written earlier after code written later.
            var reaches = registrations.Select(r => new ReachAfter(r.Operation)).ToList();
            if (reaches.Any(r => r.InLoop) || LateAssignments.InWrittenOrder(body) is not { } assignments)
            {
                return FromGraph(graph(), context, cancellationToken);
            }

            var following = ImmutableArray.CreateBuilder<(Registration, ImmutableArray<LateAssignment>)>();
            for (var i = 0; i < registrations.Length; i++)
            {
                var reach = reaches[i];
                following.Add((registrations[i], assignments.Where(a => a.Operation.Syntax.SpanStart >= reach.End && reach.MayReach(a.Operation, out _)).ToImmutableArray()));
            }

            return new InitOrder(assignments, following.ToImmutable());
        }

        private static InitOrder FromGraph(ControlFlowGraph graph, LifetimeContext context, CancellationToken cancellationToken)
        {
            var assignments = LateAssignments.In(graph);
            var following = ImmutableArray.CreateBuilder<(Registration, ImmutableArray<LateAssignment>)>();
            foreach (var (registration, block, index) in Registrations.InGraph(graph, context, cancellationToken))
            {
                following.Add((registration, assignments.Where(a => LateAssignments.Follows(graph, block, index, a.Block, a.Index)).ToImmutableArray()));
            }

            return new InitOrder(assignments, following.ToImmutable());
        }
    }
}
