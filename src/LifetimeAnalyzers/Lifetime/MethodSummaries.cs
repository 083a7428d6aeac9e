using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Summaries of source methods, computed on first request and cached for the compilation.
    /// A summary at depth d follows calls d levels further down; depth 0 knows only the non-source layers.
    /// Depth strictly decreases through calls, so recursion (even mutual) ends and the answer never depends
    /// on the order in which methods happen to be asked about.
    /// </summary>
    internal sealed class MethodSummaries
    {
        /// <summary>The depth under which summaries that do not depend on depth are stored.</summary>
        private const int AnyDepth = -1;

        private readonly LifetimeContext _context;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), MethodSummary> _cache =
            new ConcurrentDictionary<(IMethodSymbol Method, int Depth), MethodSummary>(MethodAndDepth.Comparer);

        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ImmutableHashSet<ISymbol>?> _written =
            new ConcurrentDictionary<(IMethodSymbol Method, int Depth), ImmutableHashSet<ISymbol>?>(MethodAndDepth.Comparer);

        public MethodSummaries(LifetimeContext context) => _context = context;

        /// <summary>
        /// What <paramref name="method"/> releases, as in its summary; a method whose syntax and callees' names say it
        /// cannot release is not bound to find out.
        /// </summary>
        public ImmutableArray<SummaryRelease> ReleasesOf(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            var definition = SymbolFacts.Definition(method);
            if (Cached(definition, depth) is { } known)
            {
                return known.Releases;
            }

            return _context.ReleaseNames.CouldRelease(definition, depth, cancellationToken) && Get(method, depth, cancellationToken) is { } summary ? summary.Releases : ImmutableArray<SummaryRelease>.Empty;
        }

        /// <summary>
        /// The summary of <paramref name="method"/>, for the parameters it registers and unregisters; null when it has no
        /// body, or when its syntax hands none of its parameters on (<see cref="ParameterHandoffs"/>): such a method is not
        /// bound to find out.
        /// </summary>
        public MethodSummary? ForParameters(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            var definition = SymbolFacts.Definition(method);
            return Cached(definition, depth) ?? (_context.ParameterHandoffs.MayHandOn(definition, cancellationToken) ? Get(method, depth, cancellationToken) : null);
        }

        /// <summary>The summary of <paramref name="method"/>, or null when it has no body in this compilation.</summary>
        public MethodSummary? Get(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            method = SymbolFacts.Definition(method);
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation) || method.IsAbstract || method.IsExtern)
            {
                return null;
            }

            if (Cached(method, depth) is { } summary)
            {
                return summary;
            }

            if (MethodBodies.Get(method, _context.Compilation, cancellationToken) is not IMethodBodyOperation body)
            {
                return null;
            }

            // Computed outside the cache: a cancelled computation must not be remembered. Two threads may
            // compute the same summary; they get the same answer.
            var scan = BodyScan.Run(body, _context, depth, includeLambdas: false, cancellationToken);
            summary = new MethodSummary(scan.Releases && !scan.Yields ? FlowReleases(method, body, depth, cancellationToken) : ImmutableArray<SummaryRelease>.Empty,
                scan.OwnWrites, scan.ThisCallees, scan.RegisteredParameters, scan.UnregisteredParameters);
            return _cache.GetOrAdd((method, scan.CallsSource ? depth : AnyDepth), summary);
        }

        /// <summary>
        /// Fields and properties of <c>this</c> that <paramref name="method"/> may assign, directly or through its calls on
        /// <c>this</c> followed <paramref name="depth"/> levels down; null when unknown (a call deeper than that, or without a body).
        /// </summary>
        public ImmutableHashSet<ISymbol>? WrittenMembers(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            method = SymbolFacts.Definition(method);
            if (_written.TryGetValue((method, depth), out var known))
            {
                return known;
            }

            var summary = Get(method, depth, cancellationToken);
            var written = summary?.OwnWrites;
            foreach (var callee in summary?.ThisCallees ?? ImmutableArray<IMethodSymbol>.Empty)
            {
                if (depth == 0 || WrittenMembers(callee, depth - 1, cancellationToken) is not { } calleeWrites)
                {
                    written = null;
                    break;
                }

                written = written!.Union(calleeWrites);
            }

            return _written.GetOrAdd((method, depth), written);
        }

        private MethodSummary? Cached(IMethodSymbol method, int depth) =>
            _cache.TryGetValue((method, AnyDepth), out var summary) || _cache.TryGetValue((method, depth), out summary) ? summary : null;

        private ImmutableArray<SummaryRelease> FlowReleases(IMethodSymbol method, IMethodBodyOperation body, int depth, CancellationToken cancellationToken)
        {
            if (_context.Graphs.Of(body, cancellationToken) is not { } graph)
            {
                return ImmutableArray<SummaryRelease>.Empty;
            }

            var releases = ImmutableArray.CreateBuilder<SummaryRelease>();
            var seen = new HashSet<AccessPath>();
            int? OrdinalOf(AccessPath path) =>
                path.IsThis ? MethodPatterns.Receiver
                : path.Root is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) ? parameter.Ordinal
                : null;
            void Add(ReleaseFlowResult? result, bool certain)
            {
                foreach (var pair in result?.ReleasedAtExit ?? ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>>.Empty)
                {
                    var (path, site) = (pair.Key, pair.Value);
                    if ((!certain || site.Certain) && OrdinalOf(path) is { } ordinal && seen.Add(path))
                    {
                        releases.Add(new SummaryRelease(ordinal, path.Members, site.Chain, site.Idempotent, certain));
                    }
                }
            }

            var possible = ReleaseFlow.Run(graph, _context, depth, collectUses: false, cancellationToken, may: true);
            // Most helpers have one path through them: then the run that tracks some paths tells every path too. And
            // what no path releases of the caller's places, every path does not release either.
            var every = possible is { PathsMeet: false } || (possible is not null && !possible.ReleasedAtExit.Any(pair => OrdinalOf(pair.Key) is not null))
                ? possible
                : ReleaseFlow.Run(graph, _context, depth, collectUses: false, cancellationToken, may: false);
            Add(every, certain: true);
            Add(possible, certain: false);
            return releases.ToImmutable();
        }
    }
}
