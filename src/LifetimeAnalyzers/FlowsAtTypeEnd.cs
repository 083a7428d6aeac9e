using System;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>
    /// Hands the rules that read release flows (use after release, double release) each flow of each method and constructor
    /// body, at its type's end (<see cref="BodiesAtTypeEnd"/>). Whichever rule comes first runs a body's flow; the other reads it.
    /// </summary>
    internal static class FlowsAtTypeEnd
    {
        public static void Register(CompilationStartAnalysisContext start, LifetimeContext lifetime, Action<TypeEndBody, ReleaseFlowResult> analyze) =>
            BodiesAtTypeEnd.Register(
                start,
                _ => true,
                bodies =>
                {
                    // The bodies handed over together are of one type.
                    var flows = lifetime.Flows.For(bodies[0].Method.ContainingType);
                    foreach (var body in bodies)
                    {
                        foreach (var result in flows.Of(body.Operation, lifetime, body.CancellationToken))
                        {
                            analyze(body, result);
                        }
                    }
                },
                OperationKind.MethodBody,
                OperationKind.ConstructorBody);
    }
}
