using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// Our rules, run by a driver of the harness's own on a compilation whose bodies are bound once, before the first
    /// round: each type's start, the operation actions on its method, constructor and accessor bodies, then its end, as
    /// the compiler's driver calls them (reading each body's operations just before its operation actions, as the driver
    /// lists them, outside the rules' time), with nothing else in the process working. A round costs the rules' own work,
    /// without the binding the compiler does beside them in a real run and the collections that binding triggers, which
    /// make a run scatter by up to half on this machine; a round scatters by a few percent. It drives only what the rules
    /// register today (a compilation start, operation actions, a type's start and end) and refuses anything else.
    /// </summary>
    /// <remarks>
    /// The contexts' public constructors are marked obsolete, for analyzers' tests, which should run a real driver: here
    /// the point is to run without one.
    /// </remarks>
#pragma warning disable CS0618
    internal sealed class RulesAlone
    {
        private readonly Compilation _bound;
        private readonly IReadOnlyList<(INamedTypeSymbol Type, IReadOnlyList<(IOperation Body, IMethodSymbol Method)> Bodies)> _types;

        /// <summary>Written before each type when asked for (<c>--evict</c>); null otherwise.</summary>
        private readonly long[]? _evicting;

        private RulesAlone(Compilation bound, IReadOnlyList<(INamedTypeSymbol, IReadOnlyList<(IOperation, IMethodSymbol)>)> types, int evictMegabytes)
        {
            _bound = bound;
            _types = types;
            _evicting = evictMegabytes > 0 ? new long[evictMegabytes * 1024L * 1024 / sizeof(long)] : null;
        }

        public int Bodies => _types.Sum(t => t.Bodies.Count);

        /// <summary>
        /// Binds every method, constructor and accessor body of <paramref name="compilation"/>, kept by type in the order of
        /// the text. The compilation is the one a driver works on, whose semantic models are shared: the rules' own lookups
        /// of other bodies (a callee's, for a summary) find them bound, as at a type's end in a real run.
        /// </summary>
        /// <param name="evictMegabytes">How much memory to write before each type (none for 0), outside the rules' time.</param>
        public static RulesAlone Bind(Compilation compilation, int evictMegabytes = 0)
        {
            // Any analyzer makes one.
            var bound = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new Harness.IdleAnalyzer())).Compilation;
            var types = new Dictionary<INamedTypeSymbol, List<(IOperation, IMethodSymbol)>>(SymbolEqualityComparer.Default);
            var order = new List<INamedTypeSymbol>();
            foreach (var tree in bound.SyntaxTrees)
            {
                var model = bound.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
                {
                    if (model.GetOperation(declaration) is { Parent: null } body && model.GetDeclaredSymbol(declaration) is IMethodSymbol { ContainingType: { } type } method)
                    {
                        if (!types.TryGetValue(type, out var bodies))
                        {
                            types.Add(type, bodies = new List<(IOperation, IMethodSymbol)>());
                            order.Add(type);
                        }

                        bodies.Add((body, method));
                    }
                }
            }

            return new RulesAlone(bound, order.Select(t => (t, (IReadOnlyList<(IOperation, IMethodSymbol)>)types[t])).ToList(), evictMegabytes);
        }

        /// <summary>
        /// One round of <paramref name="analyzers"/>: their compilation start, then every type. The engine keeps what it learns
        /// for as long as the compilation lives; that is let go before the round, so that nothing of one round serves the next.
        /// Returns the round's CPU time (less what the harness does in the driver's place: listing each body's operations, and
        /// writing memory with <c>--evict</c>), the time in each analyzer's callbacks (by the clock: nothing else runs), and
        /// how many diagnostics they reported.
        /// </summary>
        public (TimeSpan Cpu, ImmutableArray<TimeSpan> PerAnalyzer, int Diagnostics) Run(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            foreach (var assembly in analyzers.Select(a => a.GetType().Assembly).Distinct())
            {
                Forget(assembly, _bound);
            }

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var diagnostics = 0;
            void Report(Diagnostic diagnostic) => diagnostics++;
            var ticks = new long[analyzers.Length];
            // The driver's work the harness does in its place, left out of the round's time.
            var outside = 0L;
            var start = Environment.CpuUsage.TotalTime;
            var registered = new Registered();
            for (var i = 0; i < analyzers.Length; i++)
            {
                var before = Stopwatch.GetTimestamp();
                analyzers[i].Initialize(new Initialization(registered, i));
                ticks[i] += Stopwatch.GetTimestamp() - before;
            }

            foreach (var (analyzer, compilationStart) in registered.CompilationStarts)
            {
                var before = Stopwatch.GetTimestamp();
                compilationStart(new CompilationStart(_bound, options, registered, analyzer));
                ticks[analyzer] += Stopwatch.GetTimestamp() - before;
            }

            foreach (var (type, bodies) in _types)
            {
                if (_evicting is not null)
                {
                    var evicted = Stopwatch.GetTimestamp();
                    Evict(_evicting);
                    outside += Stopwatch.GetTimestamp() - evicted;
                }

                var ends = new List<(int Analyzer, Action<SymbolAnalysisContext> Action)>();
                foreach (var (analyzer, typeStart) in registered.TypeStarts)
                {
                    var before = Stopwatch.GetTimestamp();
                    typeStart(new TypeStart(type, _bound, options, ends, analyzer));
                    ticks[analyzer] += Stopwatch.GetTimestamp() - before;
                }

                foreach (var (body, method) in bodies)
                {
                    // The compiler's driver lists a body's operations, to find those its analyzers asked for, right before
                    // their operation actions: they find the tree just read, not as the binding left it.
                    var listed = Stopwatch.GetTimestamp();
                    ListOperations(body);
                    outside += Stopwatch.GetTimestamp() - listed;
                    foreach (var (analyzer, action, kinds) in registered.OperationActions)
                    {
                        if (kinds.Contains(body.Kind))
                        {
                            var before = Stopwatch.GetTimestamp();
                            action(new OperationAnalysisContext(body, method, _bound, options, Report, _ => true, CancellationToken.None));
                            ticks[analyzer] += Stopwatch.GetTimestamp() - before;
                        }
                    }
                }

                foreach (var (analyzer, end) in ends)
                {
                    var before = Stopwatch.GetTimestamp();
                    end(new SymbolAnalysisContext(type, _bound, options, Report, _ => true, CancellationToken.None));
                    ticks[analyzer] += Stopwatch.GetTimestamp() - before;
                }
            }

            return (Environment.CpuUsage.TotalTime - start - Stopwatch.GetElapsedTime(0, outside), ticks.Select(t => Stopwatch.GetElapsedTime(0, t)).ToImmutableArray(), diagnostics);
        }

        /// <summary>
        /// Writes every cache line of <paramref name="memory"/>. Between two types' ends a driver binds the next type's bodies,
        /// and what the rules keep in the caches is gone by the next end: writing 16 MB before each type made the rules
        /// take about as much longer alone as they take in a driver's run.
        /// </summary>
        private static void Evict(long[] memory)
        {
            for (var i = 0; i < memory.Length; i += 64 / sizeof(long))
            {
                memory[i]++;
            }
        }

        /// <summary>Reads every operation of <paramref name="body"/> once, outside the rules' time, as the driver does before handing it over.</summary>
        private static void ListOperations(IOperation body)
        {
            var count = 0;
            foreach (var operation in body.DescendantsAndSelf())
            {
                count += (int)operation.Kind;
            }

            GC.KeepAlive(count);
        }

        /// <summary>
        /// Lets go of what the engine of <paramref name="assembly"/> keeps for <paramref name="compilation"/>: its context, kept
        /// weakly by compilation in <c>LifetimeContext.s_contexts</c>, holds every summary, graph and flow it computed.
        /// </summary>
        private static void Forget(Assembly assembly, Compilation compilation)
        {
            var contexts = assembly.GetType("LifetimeAnalyzers.Lifetime.LifetimeContext")?.GetField("s_contexts", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
                ?? throw new InvalidOperationException($"{assembly.Location} keeps no LifetimeContext.s_contexts: --alone times builds whose engine keeps its context there.");
            contexts.GetType().GetMethod("Remove", new[] { typeof(Compilation) })!.Invoke(contexts, new object[] { compilation });
        }

        private static NotSupportedException Refused([CallerMemberName] string registration = "") =>
            new NotSupportedException($"--alone does not drive {registration}: the rules registered none when it was written.");

        /// <summary>What the analyzers of one round registered, each action with the index of the analyzer that did.</summary>
        private sealed class Registered
        {
            public List<(int Analyzer, Action<CompilationStartAnalysisContext> Action)> CompilationStarts { get; } = new List<(int, Action<CompilationStartAnalysisContext>)>();

            public List<(int Analyzer, Action<OperationAnalysisContext> Action, ImmutableArray<OperationKind> Kinds)> OperationActions { get; } =
                new List<(int, Action<OperationAnalysisContext>, ImmutableArray<OperationKind>)>();

            public List<(int Analyzer, Action<SymbolStartAnalysisContext> Action)> TypeStarts { get; } = new List<(int, Action<SymbolStartAnalysisContext>)>();
        }

        private sealed class Initialization : AnalysisContext
        {
            private readonly Registered _registered;
            private readonly int _analyzer;

            public Initialization(Registered registered, int analyzer)
            {
                _registered = registered;
                _analyzer = analyzer;
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _registered.CompilationStarts.Add((_analyzer, action));

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Refused();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Refused();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Refused();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Refused();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Refused();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Refused();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Refused();
        }

        private sealed class CompilationStart : CompilationStartAnalysisContext
        {
            private readonly Registered _registered;
            private readonly int _analyzer;

            public CompilationStart(Compilation compilation, AnalyzerOptions options, Registered registered, int analyzer)
                : base(compilation, options, CancellationToken.None)
            {
                _registered = registered;
                _analyzer = analyzer;
            }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _registered.OperationActions.Add((_analyzer, action, operationKinds));

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
                _registered.TypeStarts.Add((_analyzer, symbolKind == SymbolKind.NamedType ? action : throw Refused()));

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Refused();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Refused();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Refused();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Refused();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Refused();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Refused();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Refused();
        }

        private sealed class TypeStart : SymbolStartAnalysisContext
        {
            private readonly List<(int Analyzer, Action<SymbolAnalysisContext> Action)> _ends;
            private readonly int _analyzer;

            public TypeStart(ISymbol type, Compilation compilation, AnalyzerOptions options, List<(int, Action<SymbolAnalysisContext>)> ends, int analyzer)
                : base(type, compilation, options, CancellationToken.None)
            {
                _ends = ends;
                _analyzer = analyzer;
            }

            public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _ends.Add((_analyzer, action));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Refused();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Refused();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Refused();

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Refused();

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Refused();

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => throw Refused();
        }
    }
#pragma warning restore CS0618
}
