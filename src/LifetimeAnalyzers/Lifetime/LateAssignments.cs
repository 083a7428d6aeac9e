using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Assignments of an object's own state (members of <c>this</c>, statics of source types) in a graph, and their order.</summary>
    internal static class LateAssignments
    {
        public static ImmutableArray<LateAssignment> In(ControlFlowGraph graph)
        {
            var found = ImmutableArray.CreateBuilder<LateAssignment>();
            var captures = new CaptureMap(graph);
            foreach (var block in graph.Blocks)
            {
                for (var index = 0; index < block.Operations.Length; index++)
                {
                    foreach (var operation in block.Operations[index].DescendantsAndSelf())
                    {
                        if (operation is IAssignmentOperation assignment && !AssignsDefault(assignment) && StateOf(assignment.Target, captures) is { } member)
                        {
                            found.Add(new LateAssignment(member, operation, block.Ordinal, index));
                        }
                    }
                }
            }

            return found.ToImmutable();
        }

        /// <summary>
        /// The same assignments found in a body's operation tree, outside its lambdas and local functions (which the
        /// graph leaves to graphs of their own); they carry no place in a graph. Null when the body, lambdas included,
        /// has a <c>goto</c>: then the order written is not the order run, and only the graph tells it.
        /// </summary>
        public static ImmutableArray<LateAssignment>? InWrittenOrder(IOperation body)
        {
            var found = ImmutableArray.CreateBuilder<LateAssignment>();
            // One walk for both questions: each operation, and whether it is inside a lambda or local function.
            var pending = new Stack<(IOperation Operation, bool InFunction)>();
            pending.Push((body, false));
            while (pending.Count > 0)
            {
                var (operation, inFunction) = pending.Pop();
                if (ReachAfter.IsJump(operation))
                {
                    return null;
                }

                inFunction |= operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
                if (!inFunction && operation is IAssignmentOperation assignment && !AssignsDefault(assignment) && StateOf(assignment.Target, null) is { } member)
                {
                    found.Add(new LateAssignment(member, operation, block: -1, index: -1));
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push((child, inFunction));
                }
            }

            // In the order written, as the graph would list them.
            return found.OrderBy(a => a.Operation.Syntax.SpanStart).ToImmutableArray();
        }

        /// <summary>Whether operation (<paramref name="toBlock"/>, <paramref name="toIndex"/>) can run after (<paramref name="fromBlock"/>, <paramref name="fromIndex"/>).</summary>
        public static bool Follows(ControlFlowGraph graph, int fromBlock, int fromIndex, int toBlock, int toIndex)
        {
            if (fromBlock == toBlock && toIndex > fromIndex)
            {
                return true;
            }

            var seen = new HashSet<int>();
            var pending = new Stack<int>();
            pending.Push(fromBlock);
            while (pending.Count > 0)
            {
                var block = graph.Blocks[pending.Pop()];
                foreach (var branch in new[] { block.ConditionalSuccessor, block.FallThroughSuccessor })
                {
                    if (branch?.Destination is { } next && seen.Add(next.Ordinal))
                    {
                        if (next.Ordinal == toBlock)
                        {
                            return true;
                        }

                        pending.Push(next.Ordinal);
                    }
                }
            }

            return false;
        }

        /// <summary>Assigning <c>false</c>, <c>0</c> or <c>null</c> again: a callback that ran earlier saw that value anyway.</summary>
        private static bool AssignsDefault(IAssignmentOperation assignment) =>
            assignment is ISimpleAssignmentOperation { Value.ConstantValue: { HasValue: true, Value: null or false or 0 or 0L or 0u or 0d or 0f } };

        /// <summary>The member of <c>this</c>, or the static of a source type, that an assignment target names.</summary>
        private static ISymbol? StateOf(IOperation target, CaptureMap? captures)
        {
            if (AccessPaths.SkipConversions(target) is IPropertyReferenceOperation { Property: { IsStatic: true } property })
            {
                return SymbolFacts.IsInSource(property) ? property.OriginalDefinition : null;
            }

            return AccessPaths.Resolve(target, captures) switch
            {
                { IsThis: true, Members.Length: 1 } path => path.Members[0].OriginalDefinition,
                { Root: IFieldSymbol { IsStatic: true } field, Members.IsEmpty: true } when SymbolFacts.IsInSource(field) => field.OriginalDefinition,
                _ => null,
            };
        }
    }

    /// <summary>One assignment of an object's own state, and where in the graph it is.</summary>
    internal sealed class LateAssignment
    {
        public LateAssignment(ISymbol member, IOperation operation, int block, int index)
        {
            Member = member;
            Operation = operation;
            Block = block;
            Index = index;
        }

        public ISymbol Member { get; }

        public IOperation Operation { get; }

        /// <summary>The ordinal of the graph block the assignment is in; -1 when it was found in the operation tree.</summary>
        public int Block { get; }

        /// <summary>The index of the assignment's statement in its block; -1 when it was found in the operation tree.</summary>
        public int Index { get; }
    }
}
