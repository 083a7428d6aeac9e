using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>
    /// Analyses a body when its type's symbol ends instead of when the driver reaches it. The rules read the type's
    /// other members (the callbacks a constructor registers, the members a teardown's registrations reach, the own
    /// methods a release flow asks for summaries) and would otherwise bind them themselves, ahead of the driver, which
    /// binds every member's body for the rules anyway: the binding was charged to the rule that came first. By the
    /// type's end the driver has bound them all, and the semantic models it shares hand their trees over.
    /// </summary>
    internal static class BodiesAtTypeEnd
    {
        /// <summary>Runs <paramref name="analyze"/>, at the end of each type, on each body as <see cref="Register"/> finds them.</summary>
        public static void RegisterEach(CompilationStartAnalysisContext start, Func<IMethodSymbol, bool> wanted, Action<TypeEndBody> analyze, params OperationKind[] kinds) =>
            Register(
                start,
                wanted,
                bodies =>
                {
                    foreach (var body in bodies)
                    {
                        analyze(body);
                    }
                },
                kinds);

        /// <summary>
        /// Runs <paramref name="analyze"/>, at the end of each type, on the bodies of the kinds given that its methods
        /// have and <paramref name="wanted"/> accepts, when there are any. A body the driver hands over after its type
        /// has ended is analysed on its own, at once.
        /// </summary>
        /// <remarks>
        /// The bodies are collected by an operation action of the compilation, not one of each type's symbol-start scope:
        /// the driver keeps the operation actions of every such scope apart, for every type and rule, which on the
        /// generated 100,000 lines of the benchmark allocated about 60 MB more per run, and the collections that paid for
        /// it stopped the rules too.
        /// </remarks>
        public static void Register(CompilationStartAnalysisContext start, Func<IMethodSymbol, bool> wanted, Action<IReadOnlyList<TypeEndBody>> analyze, params OperationKind[] kinds)
        {
            var types = new ConcurrentDictionary<INamedTypeSymbol, TypeBodies>(SymbolEqualityComparer.Default);
            // The driver hands over a type's bodies one after another: the entry of the last type spares most lookups.
            TypeBodies? last = null;
            start.RegisterOperationAction(
                body =>
                {
                    // A nested type's members are its own type's business: each type ends on its own.
                    if (body.ContainingSymbol is not IMethodSymbol { ContainingType: { } type } method || !wanted(method))
                    {
                        return;
                    }

                    var bodies = last is { } known && ReferenceEquals(known.Type, type) ? known : last = types.GetOrAdd(type, key => new TypeBodies(key));
                    if (!bodies.TryAdd(body.Operation, method))
                    {
                        analyze(new[] { new TypeEndBody(body.Operation, method, body.ReportDiagnostic, body.CancellationToken) });
                    }
                },
                kinds);
            // One end action for every type: a lambda made inside the start action would be a new delegate per type.
            Action<SymbolAnalysisContext> atEnd = end => AnalyzeEnded(types, end, analyze);
            start.RegisterSymbolStartAction(type => type.RegisterSymbolEndAction(atEnd), SymbolKind.NamedType);
        }

        /// <summary>Analyses, at a type's end, the bodies it kept.</summary>
        private static void AnalyzeEnded(ConcurrentDictionary<INamedTypeSymbol, TypeBodies> types, SymbolAnalysisContext end, Action<IReadOnlyList<TypeEndBody>> analyze)
        {
            // A type none of whose bodies came keeps the shared ended marker, so that one coming late is analysed at once.
            if (types.GetOrAdd((INamedTypeSymbol)end.Symbol, TypeBodies.Ended).End() is not { Count: > 0 } ended)
            {
                return;
            }

            // One delegate for the type: one made from the context's method for each body would box the whole context each time.
            Action<Diagnostic> report = end.ReportDiagnostic;
            var bodies = new TypeEndBody[ended.Count];
            for (var i = 0; i < bodies.Length; i++)
            {
                bodies[i] = new TypeEndBody(ended[i].Body, ended[i].Method, report, end.CancellationToken);
            }

            analyze(bodies);
        }

        /// <summary>The bodies of one type that wait for its end; none once it has ended.</summary>
        private sealed class TypeBodies
        {
            // A list under a lock, not a concurrent queue: most types have a few bodies, and a queue's first segment
            // (32 slots) for every type and rule was a good part of what the rules allocated.
            private List<(IOperation Body, IMethodSymbol Method)>? _waiting = new List<(IOperation Body, IMethodSymbol Method)>();

            public TypeBodies(INamedTypeSymbol? type)
            {
                Type = type;
            }

            /// <summary>A type that has ended with nothing kept: shared by all of them.</summary>
            public static TypeBodies Ended { get; } = new TypeBodies(null) { _waiting = null };

            /// <summary>The type whose bodies these are; null for <see cref="Ended"/>.</summary>
            public INamedTypeSymbol? Type { get; }

            /// <summary>Keeps the body for the type's end; false when the type has ended.</summary>
            public bool TryAdd(IOperation body, IMethodSymbol method)
            {
                lock (this)
                {
                    _waiting?.Add((body, method));
                    return _waiting is not null;
                }
            }

            /// <summary>
            /// The bodies kept so far, null if it had ended already; the type has ended, and keeps nothing more. The list is
            /// let go: the driver may hold the type's scope after its end, and the bodies must not live on with it.
            /// </summary>
            public List<(IOperation Body, IMethodSymbol Method)>? End()
            {
                lock (this)
                {
                    var ended = _waiting;
                    _waiting = null;
                    return ended;
                }
            }
        }
    }

    /// <summary>A body analysed at its type's end, and how to report on it.</summary>
    internal readonly struct TypeEndBody
    {
        private readonly Action<Diagnostic> _report;

        public TypeEndBody(IOperation operation, IMethodSymbol method, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            Operation = operation;
            Method = method;
            _report = report;
            CancellationToken = cancellationToken;
        }

        public IOperation Operation { get; }

        public IMethodSymbol Method { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);
    }
}
