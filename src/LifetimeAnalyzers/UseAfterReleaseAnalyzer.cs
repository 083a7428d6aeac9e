using System.Collections.Generic;
using System.Collections.Immutable;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers
{
    /// <summary>LIFE001: an object is used after a statement that releases it on every path to the use.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseAfterReleaseAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Lambdas and local functions nested deeper than this are not analysed.</summary>
        private const int MaxNestedGraphs = 16;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LIFE001UseAfterRelease);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lifetime = LifetimeContext.For(start.Compilation, start.Options);
                start.RegisterOperationAction(c => AnalyzeBody(c, lifetime), OperationKind.MethodBody, OperationKind.ConstructorBody);
            });
        }

        private static void AnalyzeBody(OperationAnalysisContext context, LifetimeContext lifetime)
        {
            // Most bodies release nothing: find that out before building a control-flow graph.
            if (!BodyScan.Run(context.Operation, lifetime, LifetimeContext.SummaryDepth, includeLambdas: true, context.CancellationToken).Releases
                || context.GetControlFlowGraph() is not { } graph)
            {
                return;
            }

            var pending = new Stack<(ControlFlowGraph Graph, int Nesting)>();
            pending.Push((graph, 0));
            while (pending.Count > 0)
            {
                var (current, nesting) = pending.Pop();
                Report(context, ReleaseFlow.Run(current, lifetime, LifetimeContext.SummaryDepth, collectUses: true, context.CancellationToken));
                if (nesting < MaxNestedGraphs)
                {
                    foreach (var nested in NestedGraphs(current, context))
                    {
                        pending.Push((nested, nesting + 1));
                    }
                }
            }
        }

        /// <summary>The graphs of the lambdas and local functions declared directly in <paramref name="graph"/>.</summary>
        private static IEnumerable<ControlFlowGraph> NestedGraphs(ControlFlowGraph graph, OperationAnalysisContext context)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                yield return graph.GetLocalFunctionControlFlowGraph(localFunction, context.CancellationToken);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    foreach (var lambda in operation.DescendantsAndSelf())
                    {
                        if (lambda is IFlowAnonymousFunctionOperation anonymous)
                        {
                            yield return graph.GetAnonymousFunctionControlFlowGraph(anonymous, context.CancellationToken);
                        }
                    }
                }

                if (block.BranchValue is { } branchValue)
                {
                    foreach (var lambda in branchValue.DescendantsAndSelf())
                    {
                        if (lambda is IFlowAnonymousFunctionOperation anonymous)
                        {
                            yield return graph.GetAnonymousFunctionControlFlowGraph(anonymous, context.CancellationToken);
                        }
                    }
                }
            }
        }

        private static void Report(OperationAnalysisContext context, ReleaseFlowResult? result)
        {
            if (result is null)
            {
                return;
            }

            foreach (var use in result.Uses)
            {
                var release = use.Release;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.LIFE001UseAfterRelease,
                    use.Use.Syntax.GetLocation(),
                    additionalLocations: new[] { release.Syntax.GetLocation() },
                    messageArgs: new object[] { use.Use.Syntax.ToString(), release.Description, release.ChainSuffix }));
            }
        }
    }
}
