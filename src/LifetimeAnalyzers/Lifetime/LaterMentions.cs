using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a body mentions again, after a call, a place the call is handed: only then can what the call releases
    /// be used or released again in that body. Told from the operation tree before a control-flow graph is built,
    /// so that the calls this rules out are never asked what they release (for a source callee, that binds its body).
    /// Two walks: the first, the body's index (<see cref="BodyIndex"/>, which the search for registrations reads too), finds the
    /// body's calls and where each symbol is last named, which rules out most calls; the second, made when first needed, lists
    /// the mentions themselves by place, for the calls the first does not.
    /// </summary>
    internal sealed class LaterMentions
    {
        /// <summary>Mentions compared per call before giving up and assuming one follows: keeps huge bodies linear.</summary>
        private const int MaxComparisons = 256;

        private readonly IOperation _body;
        private readonly LifetimeContext _context;
        private readonly CancellationToken _cancellationToken;

        /// <summary>The first walk's: the calls and using statements, where each symbol is last named, whether the body jumps.</summary>
        private readonly BodyIndex _index;

        // The second walk's: the mentions of places in this, and (made on the first) of those rooted elsewhere.
        private bool _listed;
        private readonly List<Mention> _ofThis = new List<Mention>();
        private Dictionary<ISymbol, List<Mention>>? _ofRoots;

        // Made when the flow first asks by syntax: the test before the flow asks by operation, and most bodies never get a flow.
        private Dictionary<SyntaxNode, IInvocationOperation>? _calls;
        private Dictionary<SyntaxNode, bool>? _answers;

        private LaterMentions(IOperation body, LifetimeContext context, CancellationToken cancellationToken)
        {
            _body = body;
            _context = context;
            _cancellationToken = cancellationToken;
            _index = BodyIndex.Of(body, context, cancellationToken);
        }

        /// <summary>The later mentions of <paramref name="body"/>, after the first walk (<see cref="BodyIndex"/>): the one walk every body gets.</summary>
        public static LaterMentions Of(IOperation body, LifetimeContext context, CancellationToken cancellationToken) =>
            new LaterMentions(body, context, cancellationToken);

        /// <summary>The body's calls and <c>using</c> statements, lambdas included, in the order of the tree.</summary>
        public IReadOnlyList<IOperation> CallsAndUsings => _index.CallsAndUsings;

        /// <summary>
        /// Whether a mention of <paramref name="handed"/> that <see cref="MentionedAfter"/> would count may start at or after
        /// <paramref name="position"/>: one naming the place or a place inside it names its root (or, from this, its members,
        /// and this itself, written or not), and one handing a place that contains it to a source method names the root, a
        /// member, or hands on the object.
        /// </summary>
        private bool MayBeNamedFrom(AccessPath handed, int position)
        {
            if (handed.Root is { } root)
            {
                return _index.LastNamedAt(root, out var at) && at >= position;
            }

            if (handed.Members.IsEmpty)
            {
                // The object itself: every place in it is named from this, written or not.
                return _index.ObjectLastNamedAt >= position;
            }

            if (_index.ObjectLastHandedAt >= position)
            {
                return true;
            }

            foreach (var member in handed.Members)
            {
                if (_index.LastNamedAt(member, out var at) && at >= position)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The second walk: the body's mentions, listed by place in the order of the text.</summary>
        private void List()
        {
            if (_listed)
            {
                return;
            }

            // The last place noted, or inside one noted: the walk meets a place's operation right before the one it reads
            // its object from (_port before this in this._port, a conversion before its operand), which names a prefix of
            // the same path at the same position. Whatever the prefix would match, the whole path matches too.
            IOperation? inNoted = null;
            foreach (var operation in _body.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (inNoted is not null && operation.Parent == inNoted)
                {
                    inNoted = operation;
                    continue;
                }

                if (AccessPaths.Resolve(operation, null) is { } path)
                {
                    var call = CallHandedTo(operation);
                    if (call is not null && Uses.IsHarmless(call.TargetMethod, _context.Symbols) && !Releases.IsRelease(call, _context, depth: 0, _cancellationToken))
                    {
                        // GC.SuppressFinalize(this) after Dispose(true): looks at the object's identity, uses and releases nothing.
                        continue;
                    }

                    var list = path.Root is null ? _ofThis : ListFor(path.Root);
                    list.Add(new Mention(operation, path, call is not null && SymbolFacts.IsInSource(call.TargetMethod) ? call : null, Overwrites(operation)));
                    inNoted = operation;
                }
            }

            _ofThis.Sort((x, y) => x.Position.CompareTo(y.Position));
            if (_ofRoots is { } roots)
            {
                foreach (var list in roots.Values)
                {
                    list.Sort((x, y) => x.Position.CompareTo(y.Position));
                }
            }

            _listed = true;
        }

        /// <summary>
        /// Whether the call written at <paramref name="call"/> may release something the body mentions afterwards.
        /// A call the tree does not show as written (a <c>using</c>'s disposal) always may.
        /// </summary>
        public bool Follow(SyntaxNode call)
        {
            if (!(_calls ??= WrittenCalls()).TryGetValue(call, out var invocation))
            {
                return true;
            }

            _answers ??= new Dictionary<SyntaxNode, bool>();
            if (!_answers.TryGetValue(call, out var answer))
            {
                answer = Follow(invocation);
                _answers.Add(call, answer);
            }

            return answer;
        }

        /// <summary>
        /// Whether the body may, after <paramref name="call"/> (or anywhere, in a loop around it, unless each round declares
        /// the place afresh), mention a place the call is handed, a place inside one, or a place containing one that a
        /// source method which may release is then handed (its summary may release what the call released). Only mentions
        /// in the same function count: a lambda's flow is its own. Giving a handed place a new value does not count: no
        /// rule reports it, and the rest of its block reads the new value. Nor do the identity and lifetime helpers of the
        /// framework (<c>GC.SuppressFinalize(this)</c>), which use and release nothing.
        /// </summary>
        public bool Follow(IOperation call) => Follow(call, listed: true);

        /// <summary>
        /// Whether <see cref="Follow(IOperation)"/> may hold, told from where symbols are last named: the test before a
        /// callee's calls are read to find out whether the call could release at all. No mention is listed, and no later
        /// call's callee read.
        /// </summary>
        public bool MayFollow(IOperation call) => Follow(call, listed: false);

        /// <param name="listed">Whether to confirm a place named later against the listed mentions.</param>
        private bool Follow(IOperation call, bool listed)
        {
            if (_index.Jumps)
            {
                return true;
            }

            var reach = new ReachAfter(call);

            // What the call is handed: a using statement's resources, a call's receiver and arguments.
            if (call is IUsingOperation @using)
            {
                return Follow(@using.Resources, reach, listed);
            }

            foreach (var operand in call.ChildOperations)
            {
                if (Follow(operand, reach, listed))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the body may mention, after the call, a place <paramref name="operand"/> is computed from: the graph may
        /// capture any of them. Not the places inside those (_port in _port.Stream), which are not released with them.
        /// </summary>
        private bool Follow(IOperation operand, ReachAfter reach, bool listed)
        {
            foreach (var place in operand.DescendantsAndSelf())
            {
                if (AccessPaths.Resolve(place, null) is { } handedPath && AccessPaths.Resolve(place.Parent, null) is null
                    && ((reach.InLoop && !reach.DeclaresAfreshEachRound(handedPath.Root))
                        || (MayBeNamedFrom(handedPath, reach.End) && (!listed || MentionedAfter(handedPath, reach)))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The calls the body writes, by their syntax.</summary>
        private Dictionary<SyntaxNode, IInvocationOperation> WrittenCalls()
        {
            var calls = new Dictionary<SyntaxNode, IInvocationOperation>();
            foreach (var operation in _index.CallsAndUsings)
            {
                if (operation is IInvocationOperation { IsImplicit: false } invocation)
                {
                    calls[invocation.Syntax] = invocation;
                }
            }

            return calls;
        }

        private bool MentionedAfter(AccessPath handed, ReachAfter call)
        {
            List();
            var list = handed.Root is null ? _ofThis : _ofRoots is not null && _ofRoots.TryGetValue(handed.Root, out var found) ? found : null;
            if (list is null)
            {
                return false;
            }

            var comparisons = 0;
            var skipUntil = 0;
            var overwritten = default(TextSpan);
            for (var i = FirstAtOrAfter(list, call.End); i < list.Count; i++)
            {
                var mention = list[i];
                if (mention.Position < skipUntil || overwritten.Contains(mention.Position))
                {
                    // Inside code the previous answer covers: the rest of a branch that cannot run after the call, or
                    // the rest of a block after a statement that gives the place a new value.
                    continue;
                }

                if (++comparisons > MaxComparisons)
                {
                    return true;
                }

                if (mention.Overwrites && mention.Path.Equals(handed))
                {
                    overwritten = RestOfBlockAfter(mention.Operation) ?? overwritten;
                    continue;
                }

                if ((handed.IsPrefixOf(mention.Path) || (mention.SourceCall is { } source && mention.Path.IsPrefixOf(handed) && CouldRelease(source.TargetMethod)))
                    && call.MayReach(mention.Operation, out skipUntil))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// For an assignment written as a statement of a block, the rest of that block: every way into it runs the
        /// assignment first (a <c>goto</c> aside, which turns this test off), so the place mentioned there holds the new value.
        /// </summary>
        private static TextSpan? RestOfBlockAfter(IOperation target) =>
            target.Parent is { Parent: IExpressionStatementOperation { Parent: IBlockOperation block } statement }
                ? TextSpan.FromBounds(statement.Syntax.Span.End, block.Syntax.Span.End)
                : null;

        private static int FirstAtOrAfter(List<Mention> list, int position)
        {
            var (low, high) = (0, list.Count);
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (list[middle].Position < position)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>The call the place is the receiver or an argument of, if any.</summary>
        private static IInvocationOperation? CallHandedTo(IOperation place)
        {
            var handed = place;
            while (handed.Parent is IConversionOperation conversion)
            {
                handed = conversion;
            }

            return handed.Parent switch
            {
                IInvocationOperation invocation when invocation.Instance == handed => invocation,
                IArgumentOperation { Parent: IInvocationOperation invocation } => invocation,
                _ => null,
            };
        }

        /// <summary>
        /// Whether a source method handed a place may release something inside it, as far as the summary the flow would
        /// ask for (one call down from the body) may tell: the same test that decides whether that summary is computed.
        /// </summary>
        private bool CouldRelease(IMethodSymbol method) =>
            _context.ReleaseNames.CouldRelease(method, LifetimeContext.SummaryDepth - 1, _cancellationToken);

        /// <summary>
        /// Whether the mention only gives the place a new value (<c>_port = null;</c> after closing it): it neither uses nor
        /// releases what the place held. Not a property: its setter is code, which may read the old value.
        /// </summary>
        private static bool Overwrites(IOperation place) =>
            place.Parent is ISimpleAssignmentOperation { IsRef: false } assignment && assignment.Target == place
            && place is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation;

        private List<Mention> ListFor(ISymbol root)
        {
            _ofRoots ??= new Dictionary<ISymbol, List<Mention>>(SymbolEqualityComparer.Default);
            if (!_ofRoots.TryGetValue(root, out var list))
            {
                list = new List<Mention>();
                _ofRoots.Add(root, list);
            }

            return list;
        }

        private readonly struct Mention
        {
            public Mention(IOperation operation, AccessPath path, IInvocationOperation? sourceCall, bool overwrites)
            {
                Operation = operation;
                Path = path;
                SourceCall = sourceCall;
                Overwrites = overwrites;
            }

            public IOperation Operation { get; }

            public int Position => Operation.Syntax.SpanStart;

            public AccessPath Path { get; }

            /// <summary>The call to a source method the place is handed to, if any: its summary may release what it contains.</summary>
            public IInvocationOperation? SourceCall { get; }

            public bool Overwrites { get; }
        }
    }
}
