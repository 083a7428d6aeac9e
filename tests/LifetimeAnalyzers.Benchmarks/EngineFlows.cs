using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// The release flows of every body of a compilation, run by one build of the engine alone: what the flow rules (use
    /// after release, double release) ask, without the analyzer driver, without the compiler binding beside them, and
    /// without the collections that binding triggers. The bodies are bound once, before the first round; each round
    /// builds a new engine context, so no summary, graph or answer of one round serves the next. A round's CPU time
    /// scatters far less than a driver's run, and resolves changes of a few percent.
    /// </summary>
    /// <remarks>The engine is internal: it is reached by reflection, so that an earlier build (<c>--baseline</c>) is timed the same way.</remarks>
    internal sealed class EngineFlows
    {
        private readonly MethodInfo _contextFor;
        private readonly PropertyInfo _flows;
        private readonly MethodInfo _ofType;
        private readonly MethodInfo _of;

        private EngineFlows(AnalyzerSet set, Assembly engine)
        {
            Set = set;
            var context = Required(engine.GetType("LifetimeAnalyzers.Lifetime.LifetimeContext"), "LifetimeContext");
            _contextFor = Required(context.GetMethod("For", new[] { typeof(Compilation), typeof(AnalyzerOptions) }), "LifetimeContext.For");
            _flows = Required(context.GetProperty("Flows"), "LifetimeContext.Flows");
            _ofType = Required(_flows.PropertyType.GetMethod("For", new[] { typeof(INamedTypeSymbol) }), "BodyFlows.For");
            _of = Required(_ofType.ReturnType.GetMethod("Of", new[] { typeof(IOperation), context, typeof(CancellationToken) }), "BodyFlows.OfType.Of");
        }

        public AnalyzerSet Set { get; }

        /// <summary>The engine of the build <paramref name="set"/>'s analyzers come from.</summary>
        public static EngineFlows Of(AnalyzerSet set) => new EngineFlows(set, set.Analyzers[0].GetType().Assembly);

        /// <summary>
        /// Every method, constructor and accessor body of the compilation, bound, by type: the bodies the flow rules
        /// analyse. The compilation the driver works on shares the semantic models its bodies are bound in, as in a
        /// real run: the engine's own lookups (a callee's body, for a summary) find them bound too.
        /// </summary>
        public static (Compilation Bound, IReadOnlyList<(INamedTypeSymbol Type, IReadOnlyList<IOperation> Bodies)> Types) Bind(Compilation compilation)
        {
            var bound = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NoAnalyzer())).Compilation;
            var types = new Dictionary<INamedTypeSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (var tree in bound.SyntaxTrees)
            {
                var model = bound.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
                {
                    if (model.GetOperation(declaration) is IMethodBodyOperation or IConstructorBodyOperation
                        && model.GetDeclaredSymbol(declaration) is IMethodSymbol { ContainingType: { } type })
                    {
                        if (!types.TryGetValue(type, out var bodies))
                        {
                            types.Add(type, bodies = new List<IOperation>());
                        }

                        bodies.Add(model.GetOperation(declaration)!);
                    }
                }
            }

            return (bound, types.Select(p => (p.Key, (IReadOnlyList<IOperation>)p.Value)).ToList());
        }

        /// <summary>One round: a new context, and the flows of every body, type by type. Returns its CPU time and how many flows the bodies had.</summary>
        public (TimeSpan Cpu, int Flows) Run(Compilation bound, IReadOnlyList<(INamedTypeSymbol Type, IReadOnlyList<IOperation> Bodies)> types)
        {
            // A context is kept per compilation and options: new options make a new one.
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new NoOptions());
            var flows = 0;
            var start = Environment.CpuUsage.TotalTime;
            var context = _contextFor.Invoke(null, new object[] { bound, options })!;
            var all = _flows.GetValue(context)!;
            foreach (var (type, bodies) in types)
            {
                var ofType = _ofType.Invoke(all, new object[] { type })!;
                foreach (var body in bodies)
                {
                    flows += ((ICollection)_of.Invoke(ofType, new object[] { body, context, CancellationToken.None })!).Count;
                }
            }

            return (Environment.CpuUsage.TotalTime - start, flows);
        }

        private static T Required<T>(T? member, string name) where T : class =>
            member ?? throw new InvalidOperationException($"The engine of this build has no {name}: --engine times builds whose engine has it.");

        private sealed class NoAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

            public override void Initialize(AnalysisContext context)
            {
            }
        }

        private sealed class NoOptions : AnalyzerConfigOptionsProvider
        {
            public override AnalyzerConfigOptions GlobalOptions { get; } = new None();

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

            private sealed class None : AnalyzerConfigOptions
            {
                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                {
                    value = null;
                    return false;
                }
            }
        }
    }
}
