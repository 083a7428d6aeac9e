using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The release flow of a body and of the lambdas and local functions in it: run once per body and shared by the
    /// rules that read it (use after release, double release). Kept by the type that declares the body: the rules
    /// ask for a type's bodies together, at its end, and one lookup of the type costs less than one per body in a table
    /// that ends up holding every body of the compilation.
    /// </summary>
    internal sealed class BodyFlows
    {
        /// <summary>Lambdas and local functions nested deeper than this are not analysed.</summary>
        private const int MaxNestedGraphs = 16;

        private readonly ConcurrentDictionary<INamedTypeSymbol, OfType> _types = new ConcurrentDictionary<INamedTypeSymbol, OfType>(SymbolEqualityComparer.Default);

        /// <summary>The flows of the bodies <paramref name="type"/> declares.</summary>
        public OfType For(INamedTypeSymbol type) => _types.GetOrAdd(type, _ => new OfType());

        private static ImmutableArray<ReleaseFlowResult> Compute(IOperation body, LifetimeContext lifetime, CancellationToken cancellationToken)
        {
            // Most bodies release nothing they mention again: find that out before building a control-flow graph.
            if (!Releases.AnyIn(body, out var mentions, lifetime, LifetimeContext.SummaryDepth, cancellationToken))
            {
                return ImmutableArray<ReleaseFlowResult>.Empty;
            }

            var results = ImmutableArray.CreateBuilder<ReleaseFlowResult>();
            var pending = new Stack<(ControlFlowGraph Graph, int Nesting)>();
            if (lifetime.Graphs.Of(body, cancellationToken) is not { } bodyGraph)
            {
                return ImmutableArray<ReleaseFlowResult>.Empty;
            }

            pending.Push((bodyGraph, 0));
            while (pending.Count > 0)
            {
                var (graph, nesting) = pending.Pop();
                if (ReleaseFlow.Run(graph, lifetime, LifetimeContext.SummaryDepth, collectUses: true, cancellationToken, followed: mentions.Follow) is { } result)
                {
                    results.Add(result);
                }

                if (nesting < MaxNestedGraphs)
                {
                    foreach (var nested in NestedGraphs(graph, cancellationToken))
                    {
                        pending.Push((nested, nesting + 1));
                    }
                }
            }

            return results.ToImmutable();
        }

        /// <summary>The graphs of the lambdas and local functions declared directly in <paramref name="graph"/>.</summary>
        private static IEnumerable<ControlFlowGraph> NestedGraphs(ControlFlowGraph graph, CancellationToken cancellationToken)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                yield return graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    foreach (var lambda in Lambdas(operation))
                    {
                        yield return graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    }
                }

                if (block.BranchValue is { } branchValue)
                {
                    foreach (var lambda in Lambdas(branchValue))
                    {
                        yield return graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    }
                }
            }
        }

        private static IEnumerable<IFlowAnonymousFunctionOperation> Lambdas(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IFlowAnonymousFunctionOperation lambda)
                {
                    yield return lambda;
                }
            }
        }

        /// <summary>The flows of one type's bodies, each run on its first request.</summary>
        public sealed class OfType
        {
            private readonly Dictionary<SyntaxNode, ImmutableArray<ReleaseFlowResult>> _results = new Dictionary<SyntaxNode, ImmutableArray<ReleaseFlowResult>>();

            public ImmutableArray<ReleaseFlowResult> Of(IOperation body, LifetimeContext lifetime, CancellationToken cancellationToken)
            {
                var syntax = body.Syntax;
                lock (_results)
                {
                    if (_results.TryGetValue(syntax, out var known))
                    {
                        return known;
                    }
                }

                // Run outside the lock, and kept only once done: a cancelled run must not be remembered. Two rules may run
                // the same body at once; they get the same answer, and the first kept is the one both read.
                var computed = Compute(body, lifetime, cancellationToken);
                lock (_results)
                {
                    if (_results.TryGetValue(syntax, out var known))
                    {
                        return known;
                    }

                    _results.Add(syntax, computed);
                    return computed;
                }
            }
        }
    }
}
