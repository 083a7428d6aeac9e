using System;
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
        /// have and <paramref name="wanted"/> accepts, when there are any.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext start, Func<IMethodSymbol, bool> wanted, Action<IReadOnlyList<TypeEndBody>> analyze, params OperationKind[] kinds) =>
            start.RegisterSymbolStartAction(type =>
            {
                // A list under a lock, not a concurrent queue: most types have a few bodies, and a queue's first segment
                // (32 slots) for every type and rule was a good part of what the rules allocated.
                var bodies = new List<(IOperation Body, IMethodSymbol Method)>();
                type.RegisterOperationAction(
                    body =>
                    {
                        // A nested type's members are its own type's business, whichever scope the driver runs them in.
                        if (body.ContainingSymbol is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(method.ContainingType, type.Symbol) && wanted(method))
                        {
                            lock (bodies)
                            {
                                bodies.Add((body.Operation, method));
                            }
                        }
                    },
                    kinds);
                type.RegisterSymbolEndAction(end =>
                {
                    // Emptied, not read: the driver may hold this scope after the type's end, and the bodies must not live on with it.
                    List<TypeEndBody> ended;
                    lock (bodies)
                    {
                        ended = bodies.ConvertAll(pair => new TypeEndBody(pair.Body, pair.Method, end));
                        bodies.Clear();
                        bodies.TrimExcess();
                    }

                    if (ended.Count > 0)
                    {
                        analyze(ended);
                    }
                });
            },
            SymbolKind.NamedType);
    }

    /// <summary>A body analysed at its type's end, and how to report on it.</summary>
    internal readonly struct TypeEndBody
    {
        private readonly SymbolAnalysisContext _end;

        public TypeEndBody(IOperation operation, IMethodSymbol method, SymbolAnalysisContext end)
        {
            Operation = operation;
            Method = method;
            _end = end;
        }

        public IOperation Operation { get; }

        public IMethodSymbol Method { get; }

        public CancellationToken CancellationToken => _end.CancellationToken;

        public void ReportDiagnostic(Diagnostic diagnostic) => _end.ReportDiagnostic(diagnostic);
    }
}
