using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// One control-flow graph per method body, shared by the summaries and the rules: a method summarised for its
    /// callers and then analysed itself builds its graph once.
    /// </summary>
    internal sealed class ControlFlowGraphs
    {
        // Keyed weakly by the body's operation tree: a graph lives as long as the bound tree it was built from, which
        // the compilation's semantic models share with the analyzer driver.
        private readonly ConditionalWeakTable<IOperation, ControlFlowGraph> _graphs = new ConditionalWeakTable<IOperation, ControlFlowGraph>();

        /// <summary>The graph of a method or constructor body; null for any other operation.</summary>
        public ControlFlowGraph? Of(IOperation body, CancellationToken cancellationToken)
        {
            if (_graphs.TryGetValue(body, out var graph))
            {
                return graph;
            }

            // Built outside the table: a cancelled build must not be remembered. Two threads may build the same graph.
            graph = body switch
            {
                IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
                _ => null,
            };
            return graph is null ? null : _graphs.GetValue(body, _ => graph);
        }
    }
}
