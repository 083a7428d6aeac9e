using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Which objects are released on every path to each point of a method: a must-analysis over Roslyn's
    /// control-flow graph. Reports the uses of released objects, and the releases that hold when the method returns.
    /// </summary>
    internal sealed class ReleaseFlow
    {
        /// <summary>Rounds over the graph before giving up: reducible graphs settle in a handful.</summary>
        private const int MaxRounds = 64;

        private readonly ControlFlowGraph _graph;
        private readonly LifetimeContext _context;
        private readonly int _depth;
        private readonly CancellationToken _cancellationToken;
        private readonly bool _may;
        private readonly System.Func<SyntaxNode, bool>? _followed;
        private readonly CaptureMap _captures;
        private readonly Dictionary<IInvocationOperation, ImmutableArray<ReleaseEffect>> _effects = new Dictionary<IInvocationOperation, ImmutableArray<ReleaseEffect>>();
        private readonly List<Source>[] _incoming;
        private readonly FlowState?[] _in;
        private readonly FlowState?[] _outConditional;
        private readonly FlowState?[] _outFallThrough;

        // The walk's work lists, reused across the blocks and rounds: a walk never starts inside another.
        private readonly Stack<(IOperation Operation, bool Expanded)> _walk = new Stack<(IOperation Operation, bool Expanded)>();
        private readonly List<IOperation> _children = new List<IOperation>();

        private ReleaseFlow(ControlFlowGraph graph, LifetimeContext context, int depth, bool may, System.Func<SyntaxNode, bool>? followed, CancellationToken cancellationToken)
        {
            _may = may;
            _followed = followed;
            _graph = graph;
            _context = context;
            _depth = depth;
            _cancellationToken = cancellationToken;
            _captures = new CaptureMap(graph);
            var count = graph.Blocks.Length;
            _in = new FlowState?[count];
            _outConditional = new FlowState?[count];
            _outFallThrough = new FlowState?[count];
            _incoming = Enumerable.Range(0, count).Select(_ => new List<Source>()).ToArray();
            ConnectBlocks();
        }

        private enum Port
        {
            In,
            Conditional,
            FallThrough,
        }

        /// <summary>Analyses <paramref name="graph"/>; null when it does not settle (the caller then stays silent).</summary>
        /// <param name="may">Track what is released on some path rather than on every path: for summaries of error paths.</param>
        /// <param name="followed">
        /// Whether anything the call written at a node releases can matter afterwards; a call for which it answers no,
        /// and that is handed no place the flow knows about, is passed over without asking what it releases.
        /// </param>
        public static ReleaseFlowResult? Run(ControlFlowGraph graph, LifetimeContext context, int depth, bool collectUses, CancellationToken cancellationToken,
            bool may = false, System.Func<SyntaxNode, bool>? followed = null)
        {
            var flow = new ReleaseFlow(graph, context, depth, may, followed, cancellationToken);
            return flow.Solve() ? flow.Result(collectUses) : null;
        }

        private bool Solve()
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var changed = false;
                foreach (var block in _graph.Blocks)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var state = block.Kind == BasicBlockKind.Entry ? new FlowState() : Meet(block.Ordinal);
                    if (state is null || (_in[block.Ordinal] is { } known && known.SameAs(state)))
                    {
                        continue;
                    }

                    changed = true;
                    _in[block.Ordinal] = state;
                    (_outConditional[block.Ordinal], _outFallThrough[block.Ordinal]) = Transfer(block, state, findings: null);
                }

                if (!changed)
                {
                    return true;
                }
            }

            return false;
        }

        private ReleaseFlowResult Result(bool collectUses)
        {
            var findings = new FlowFindings();
            if (collectUses)
            {
                foreach (var block in _graph.Blocks)
                {
                    if (_in[block.Ordinal] is { } state)
                    {
                        Transfer(block, state, findings);
                    }
                }
            }

            var exit = _in[_graph.Blocks.Length - 1];
            var released = exit?.Released(certainOnly: !_may) ?? ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>>.Empty;
            return new ReleaseFlowResult(
                findings.Uses.Values.OrderBy(u => u.Use.Syntax.SpanStart).ToImmutableArray(),
                findings.DoubleReleases.Values.OrderBy(d => d.Second.Position).ToImmutableArray(),
                released,
                _incoming.Any(sources => sources.Count > 1));
        }

        /// <summary>
        /// Records where each block's state comes from. A branch that leaves through finally regions flows through
        /// them in order; a catch or filter starts from any point of its try region.
        /// </summary>
        private void ConnectBlocks()
        {
            foreach (var block in _graph.Blocks)
            {
                Connect(block, block.ConditionalSuccessor, Port.Conditional);
                Connect(block, block.FallThroughSuccessor, Port.FallThrough);
            }

            ConnectHandlers(_graph.Root);
        }

        private void Connect(BasicBlock block, ControlFlowBranch? branch, Port port)
        {
            if (branch?.Destination is not { } destination)
            {
                return;
            }

            var source = new Source(block.Ordinal, port);
            foreach (var region in branch.FinallyRegions)
            {
                _incoming[region.FirstBlockOrdinal].Add(source);
                source = new Source(region.LastBlockOrdinal, Port.FallThrough);
            }

            _incoming[destination.Ordinal].Add(source);
        }

        private void ConnectHandlers(ControlFlowRegion region)
        {
            foreach (var nested in region.NestedRegions)
            {
                if (nested.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler
                    && region.NestedRegions[0] is { Kind: ControlFlowRegionKind.Try } tryRegion)
                {
                    for (var ordinal = tryRegion.FirstBlockOrdinal; ordinal <= tryRegion.LastBlockOrdinal; ordinal++)
                    {
                        _incoming[nested.FirstBlockOrdinal].Add(new Source(ordinal, Port.In));
                        _incoming[nested.FirstBlockOrdinal].Add(new Source(ordinal, Port.Conditional));
                        _incoming[nested.FirstBlockOrdinal].Add(new Source(ordinal, Port.FallThrough));
                    }
                }

                ConnectHandlers(nested);
            }
        }

        /// <summary>The intersection of what flows in; sources not reached yet do not constrain it.</summary>
        private FlowState? Meet(int ordinal)
        {
            FlowState? result = null;
            foreach (var source in _incoming[ordinal])
            {
                var state = source.Port switch
                {
                    Port.In => _in[source.Block],
                    Port.Conditional => _outConditional[source.Block],
                    _ => _outFallThrough[source.Block],
                };
                if (state is not null)
                {
                    result = result is null ? state.Copy() : _may ? result.UnionWith(state) : result.IntersectWith(state);
                }
            }

            return result;
        }

        private (FlowState? Conditional, FlowState FallThrough) Transfer(BasicBlock block, FlowState input, FlowFindings? findings)
        {
            var state = input.Copy();
            foreach (var operation in block.Operations)
            {
                Walk(operation, state, findings);
            }

            if (block.BranchValue is { } branchValue)
            {
                Walk(branchValue, state, findings);
            }

            if (block.ConditionalSuccessor is null)
            {
                return (null, state);
            }

            if (LivenessTests.Analyse(block.BranchValue, _captures) is { } liveness)
            {
                // Where the object answers that it is alive, it has not been released.
                var alive = state.Copy();
                alive.Kill(liveness.Path);
                var conditionalIsAlive = liveness.AliveWhenTrue == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                return conditionalIsAlive ? (alive, state) : (state, alive);
            }

            if (NullTests.Analyse(block.BranchValue, _captures) is not { } test)
            {
                return (state, state);
            }

            // On the branch where the object is null it cannot be used either: treat it as released there,
            // so that `x?.Dispose()` still releases x on every path.
            var whenNull = state.Copy();
            whenNull.MarkNull(test.Path);
            var conditionalIsNull = test.NullWhenTrue == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
            return conditionalIsNull ? (whenNull, state) : (state, whenNull);
        }

        /// <summary>Visits an operation tree in evaluation order (operands before the operation), without recursion.</summary>
        private void Walk(IOperation root, FlowState state, FlowFindings? findings)
        {
            var stack = _walk;
            stack.Push((root, false));
            var children = _children;
            while (stack.Count > 0)
            {
                var (operation, expanded) = stack.Pop();
                if (expanded)
                {
                    Visit(operation, state, findings);
                    continue;
                }

                stack.Push((operation, true));
                // Lambda bodies run later, if at all; nameof never evaluates its operand.
                if (operation is IFlowAnonymousFunctionOperation or INameOfOperation)
                {
                    continue;
                }

                children.Clear();
                children.AddRange(operation.ChildOperations);
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }
        }

        private void Visit(IOperation operation, FlowState state, FlowFindings? findings)
        {
            // Nothing released or null here: no use to find, and no fact for an assignment or a call to end.
            if (state.IsEmpty && operation is not IInvocationOperation)
            {
                return;
            }

            if (findings is not null && !state.IsEmpty && AccessPaths.Resolve(operation, _captures) is { } path && AccessPaths.Resolve(operation.Parent, _captures) is null)
            {
                CheckUse(operation, path, state, findings);
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    ApplyCall(invocation, state, findings);
                    break;
                case IObjectCreationOperation creation:
                    ApplyArguments(creation.Arguments, ImmutableArray<ReleaseEffect>.Empty, state);
                    break;
                case ISimpleAssignmentOperation assignment:
                    Kill(assignment.Target, state);
                    break;
                case ICompoundAssignmentOperation assignment:
                    Kill(assignment.Target, state);
                    break;
                case ICoalesceAssignmentOperation assignment:
                    Kill(assignment.Target, state);
                    break;
                case IIncrementOrDecrementOperation increment:
                    Kill(increment.Target, state);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var target in deconstruction.Target.DescendantsAndSelf())
                    {
                        Kill(target, state);
                    }

                    break;
            }
        }

        private void CheckUse(IOperation operation, AccessPath path, FlowState state, FlowFindings findings)
        {
            // The shortest released prefix decides: a use of ved.Pads after ved's release is a use of ved.
            if (state.ShortestReleasedPrefix(path) is not { } released)
            {
                return;
            }

            var (prefix, site) = released;
            var length = prefix.Members.Length;
            // A member of the released object is reached through it: a use, unless it asks whether the object
            // is disposed. The object itself is used only where its value is dereferenced or handed to other code.
            if (length == path.Members.Length ? !Uses.IsUse(operation, this) : Uses.IsStateQuery(path.Members[length]))
            {
                return;
            }

            var use = AccessPaths.OperationForPrefix(operation, path, length, _captures);
            if (!findings.Uses.ContainsKey(use.Syntax))
            {
                findings.Uses.Add(use.Syntax, new UseAfterRelease(use, prefix, site));
            }
        }

        private void ApplyCall(IInvocationOperation invocation, FlowState state, FlowFindings? findings)
        {
            if (_followed is not null && !invocation.IsImplicit && !HandsOverAKnownPlace(invocation, state) && !_followed(invocation.Syntax))
            {
                // Whatever it releases is never looked at again, and it cannot release or reassign anything released before.
                return;
            }

            var effects = EffectsOf(invocation);
            ApplyArguments(invocation.Arguments, effects, state);
            if (invocation.Instance is { } receiver && !invocation.TargetMethod.IsStatic
                && !effects.Any(e => e.IsReceiver) && AccessPaths.Resolve(receiver, _captures) is { } receiverPath)
            {
                KillWrittenMembers(invocation.TargetMethod, receiverPath, state);
            }

            foreach (var effect in effects)
            {
                if (AccessPaths.Resolve(effect.Operand, _captures)?.Append(effect.Members) is not { } released)
                {
                    continue;
                }

                var ownTeardown = effect.IsReceiver && released.IsThis && released.Members.IsEmpty;
                var site = new ReleaseSite(invocation, effect.Chain, effect.Idempotent, reportsUses: !ownTeardown, certain: effect.Certain);
                var earlier = state.Get(released);
                if (findings is not null && earlier is not null && (earlier.Certain || site.Certain) && !findings.DoubleReleases.ContainsKey(invocation.Syntax))
                {
                    findings.DoubleReleases.Add(invocation.Syntax, new DoubleRelease(released, earlier, site, effect.Operand));
                }

                if (!site.Certain && earlier is { Certain: true })
                {
                    // A possible release adds nothing to a certain one.
                    continue;
                }

                state.Kill(released);
                state.Release(released, site);
            }
        }

        /// <summary>Whether the call is handed a place the state knows something about, or one inside or around such a place.</summary>
        private bool HandsOverAKnownPlace(IInvocationOperation invocation, FlowState state)
        {
            if (state.IsEmpty)
            {
                return false;
            }

            if (!invocation.TargetMethod.IsStatic && AccessPaths.Resolve(invocation.Instance, _captures) is { } receiver && state.KnowsAround(receiver))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (AccessPaths.Resolve(argument.Value, _captures) is { } path && state.KnowsAround(path))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The releases <paramref name="invocation"/> performs, computed once per call in this graph.</summary>
        public ImmutableArray<ReleaseEffect> EffectsOf(IInvocationOperation invocation)
        {
            if (!_effects.TryGetValue(invocation, out var effects))
            {
                effects = Releases.Of(invocation, _context, _depth, _cancellationToken);
                _effects.Add(invocation, effects);
            }

            return effects;
        }

        public KnownSymbols Symbols => _context.Symbols;

        /// <summary>
        /// A call may change what the objects handed to it hold: facts about their members no longer stand.
        /// A <c>ref</c> or <c>out</c> argument may be replaced altogether.
        /// </summary>
        private void ApplyArguments(ImmutableArray<IArgumentOperation> arguments, ImmutableArray<ReleaseEffect> effects, FlowState state)
        {
            if (state.IsEmpty)
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (AccessPaths.Resolve(argument.Value, _captures) is not { } path)
                {
                    continue;
                }

                if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
                {
                    state.Kill(path);
                }
                else if (!effects.Any(e => e.Operand == argument.Value))
                {
                    state.KillExtensions(path, member => true);
                }
            }
        }

        /// <summary>Forgets facts about the receiver's members that the called method may assign.</summary>
        private void KillWrittenMembers(IMethodSymbol method, AccessPath receiver, FlowState state)
        {
            if (!state.KnowsBeyond(receiver))
            {
                // Nothing is known of the receiver's members: what the call assigns changes nothing.
                return;
            }

            if (!SymbolFacts.IsInSource(method))
            {
                // Compiled code cannot assign the user's own fields; it may assign its own.
                state.KillExtensions(receiver, member => !receiver.IsThis || !SymbolFacts.IsInSource(member));
                return;
            }

            var written = _depth > 0 ? _context.Summaries.WrittenMembers(method, _depth - 1, _cancellationToken) : null;
            if (written is null)
            {
                state.KillExtensions(receiver, member => true);
            }
            else
            {
                state.KillExtensions(receiver, written.Contains);
            }
        }

        private void Kill(IOperation target, FlowState state)
        {
            if (!state.IsEmpty && AccessPaths.Resolve(target, _captures) is { } path)
            {
                state.Kill(path);
            }
        }

        private readonly struct Source
        {
            public Source(int block, Port port)
            {
                Block = block;
                Port = port;
            }

            public int Block { get; }

            public Port Port { get; }
        }
    }
}
