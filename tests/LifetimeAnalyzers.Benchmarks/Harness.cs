using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// The compiler's own work on a corpus, single-threaded: parsing, declarations, method bodies. Each phase in CPU time
    /// of the process (what the work costs, however busy the machine is) and the whole in wall time.
    /// </summary>
    internal sealed record CompilerTimes(TimeSpan Parse, TimeSpan Declarations, TimeSpan Bodies, TimeSpan Wall)
    {
        public TimeSpan Total => Parse + Declarations + Bodies;
    }

    /// <summary>
    /// One run of an analyzer set on a fresh <see cref="CompilationWithAnalyzers"/>: the time each analyzer spent in its
    /// callbacks as the compiler's telemetry reports it (a stopwatch: wall time), and the run's wall and process CPU time.
    /// </summary>
    /// <param name="LiveBytes">
    /// The heap left after a full collection at the end of the run, with the compilation and its analyzers still alive:
    /// what they keep for as long as a host (the IDE) keeps the compilation.
    /// </param>
    internal sealed record SetRun(ImmutableArray<TimeSpan> PerAnalyzer, TimeSpan Wall, TimeSpan Cpu, ImmutableArray<Diagnostic> Diagnostics, int Exceptions, Collections Collections, long LiveBytes)
    {
        public TimeSpan Total => PerAnalyzer.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);

        /// <summary>
        /// The share of the run's wall time the process was on a CPU: below 1 when other processes took the cores.
        /// The analysis runs on one thread, so telemetry times this factor estimates the CPU time of each analyzer.
        /// </summary>
        public double CpuShare => Wall.Ticks == 0 ? 1 : Math.Min(1, (double)Cpu.Ticks / Wall.Ticks);

        public TimeSpan CpuOf(TimeSpan telemetry) => TimeSpan.FromTicks((long)(telemetry.Ticks * CpuShare));
    }

    /// <summary>
    /// The garbage collections during a run, by generation, how long they paused the process, and the bytes allocated on
    /// every thread (the driver's and the compiler's as well as the analyzers'; unlike times, nearly the same from run to
    /// run, so it shows a change in what an analyzer set allocates that its times cannot): a small corpus can run
    /// without one where a larger one pays for several, which weighs on how the time grows with the size.
    /// </summary>
    internal readonly record struct Collections(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static Collections Now() =>
            new Collections(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));

        public static Collections operator -(Collections after, Collections before) =>
            new Collections(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused, after.Allocated - before.Allocated);

        public override string ToString() => $"{Allocated / (1024.0 * 1024):N0} MB allocated, collections {Gen0}/{Gen1}/{Gen2} (gen 0/1/2), {Paused.TotalMilliseconds:N0} ms paused";
    }

    /// <summary>The medians of an analyzer set's timed runs on one corpus.</summary>
    internal sealed record SetResult(
        AnalyzerSet Set,
        ImmutableArray<TimeSpan> PerAnalyzerCpu,
        TimeSpan TotalCpu,
        TimeSpan Total,
        TimeSpan RunWall,
        TimeSpan RunCpu,
        TimeSpan MinTotalCpu,
        TimeSpan MaxTotalCpu,
        ImmutableDictionary<string, int> DiagnosticCounts,
        ImmutableArray<Diagnostic> Diagnostics,
        int Exceptions,
        long LiveBytes,
        long Allocated,
        ImmutableArray<TimeSpan> RunTotals);

    /// <summary>Our rules alone on one corpus: each build's CPU time, round by round, and how many diagnostics it reported.</summary>
    internal sealed record AloneResult(Corpus Corpus, int Bodies, IReadOnlyList<AloneSetResult> Sets);

    /// <param name="PerAnalyzer">The median time in each analyzer's callbacks, in the order of <see cref="AnalyzerSet.Analyzers"/>.</param>
    internal sealed record AloneSetResult(AnalyzerSet Set, ImmutableArray<TimeSpan> Rounds, ImmutableArray<TimeSpan> PerAnalyzer, int Diagnostics);

    /// <summary>Everything measured on one corpus.</summary>
    internal sealed record CorpusResult(
        Corpus Corpus,
        CompilerTimes Compiler,
        int CompilerErrors,
        IReadOnlyList<string> TopErrors,
        TimeSpan BaselineRunCpu,
        long BaselineLiveBytes,
        long BaselineAllocated,
        IReadOnlyList<SetResult> Sets,
        IReadOnlyList<TimedItem>? SlowestMembers,
        IReadOnlyList<TimedItem>? SlowestFiles,
        TimeSpan InstrumentedTotal,
        TimeSpan InstrumentedPauses,
        string LoadBefore,
        string LoadAfter);

    /// <summary>
    /// Measures a corpus: the compiler's time, then every analyzer set on the same compilation, each on a fresh
    /// <see cref="CompilationWithAnalyzers"/> per run, the sets interleaved run by run so that drift in the machine's
    /// speed falls on all of them alike.
    /// </summary>
    internal sealed class Harness
    {
        private readonly BenchmarkOptions _options;
        private readonly ImmutableArray<MetadataReference> _frameworkReferences;
        private readonly IReadOnlyList<AnalyzerSet> _sets;
        private readonly Action<string> _log;

        public Harness(BenchmarkOptions options, ImmutableArray<MetadataReference> frameworkReferences, IReadOnlyList<AnalyzerSet> sets, Action<string> log)
        {
            _options = options;
            _frameworkReferences = frameworkReferences;
            _sets = sets;
            _log = log;
        }

        public static ImmutableArray<MetadataReference> LoadFrameworkReferences()
        {
            var list = Path.Combine(AppContext.BaseDirectory, "framework-references.txt");
            if (!File.Exists(list))
            {
                throw new InvalidOperationException($"{list} is missing: build the harness with 'dotnet build -c Release'.");
            }

            return File.ReadAllLines(list)
                .Where(line => line.Length > 0)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        public async Task<CorpusResult> MeasureAsync(Corpus corpus, IEnumerable<string> extraReferenceFolders)
        {
            var references = References(extraReferenceFolders);
            var parseOptions = ParseOptions(corpus);
            var compilationOptions = CompilationOptions();
            var (compilation, errors) = Compile(corpus, references, parseOptions);
            var topErrors = errors.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5)
                .Select(g => $"{g.Key} x{g.Count()}: {g.First().GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();

            var repeat = _options.RepeatFor(corpus.Lines);
            var loadBefore = LoadAverage();
            _log($"  {corpus.Lines:N0} lines, {corpus.Files.Length} files, {errors.Count} errors; load average {loadBefore}");

            // Each round runs the compiler, then the analyzer sets and a baseline analyzer that registers nothing (what driving
            // analyzers costs at all): the machine's changes of speed over the rounds fall on both sides of every ratio.
            var baseline = new AnalyzerSet("baseline", "", ImmutableArray.Create<DiagnosticAnalyzer>(new IdleAnalyzer()), ImmutableDictionary<string, ReportDiagnostic>.Empty);
            var all = new[] { baseline }.Concat(_sets).ToList();
            var runs = all.ToDictionary(s => s, _ => new List<SetRun>());
            var compilerRuns = new List<CompilerTimes>();
            for (var i = 0; i < _options.Warmup + repeat; i++)
            {
                var timed = i >= _options.Warmup;
                _log($"  {(timed ? "run " + (i - _options.Warmup + 1) + "/" + repeat : "warm-up " + (i + 1) + "/" + _options.Warmup)}");
                Settle();
                var times = TimeCompiler(corpus, parseOptions, references, compilationOptions);
                _log($"    compiler: {Format(times.Total)} CPU, {Format(times.Wall)} wall");
                if (timed)
                {
                    compilerRuns.Add(times);
                }

                foreach (var set in all)
                {
                    Settle();
                    var run = await RunAsync(compilation, set.Analyzers).ConfigureAwait(false);
                    _log($"    {set.Name}: {Format(run.CpuOf(run.Total))} CPU in analyzers ({Format(run.Total)} by telemetry), run {Format(run.Wall)} wall, {run.CpuShare:P0} on CPU, {run.Collections}");
                    if (timed)
                    {
                        runs[set].Add(run);
                    }
                }
            }

            var compiler = new CompilerTimes(
                Median(compilerRuns.Select(r => r.Parse)),
                Median(compilerRuns.Select(r => r.Declarations)),
                Median(compilerRuns.Select(r => r.Bodies)),
                Median(compilerRuns.Select(r => r.Wall)));
            var results = _sets.Select(set => Summarise(set, runs[set])).ToList();

            IReadOnlyList<TimedItem>? members = null;
            IReadOnlyList<TimedItem>? files = null;
            var instrumented = TimeSpan.Zero;
            var instrumentedPauses = TimeSpan.Zero;
            if (_options.Methods)
            {
                _log("  instrumented run (time per method)");
                var times = new CallbackTimes();
                var ours = _sets.First(s => s.Name == AnalyzerSets.Ours);
                Settle();
                var run = await RunAsync(compilation, ours.Analyzers.Select(a => (DiagnosticAnalyzer)new TimedAnalyzer(a, times)).ToImmutableArray()).ConfigureAwait(false);
                members = times.BySymbol(run.CpuShare);
                files = times.ByFile(run.CpuShare);
                instrumented = run.CpuOf(times.Total);
                instrumentedPauses = times.Paused;
                _log($"    {Format(instrumented)} in callbacks, besides {Format(instrumentedPauses)} of collection pauses inside them ({Format(run.Total)} by telemetry); the whole run: {run.Collections}");
            }

            return new CorpusResult(corpus, compiler, errors.Count, topErrors, Median(runs[baseline].Select(r => r.Cpu)), Median(runs[baseline].Select(r => r.LiveBytes)), Median(runs[baseline].Select(r => r.Collections.Allocated)), results, members, files, instrumented, instrumentedPauses, loadBefore, LoadAverage());
        }

        /// <summary>
        /// Times our rules alone (<see cref="RulesAlone"/>), and the baseline's when there is one, round after round,
        /// interleaved, on one compilation whose bodies are bound before the first round.
        /// </summary>
        public AloneResult MeasureAlone(Corpus corpus, IEnumerable<string> extraReferenceFolders)
        {
            var (compilation, errors) = Compile(corpus, References(extraReferenceFolders), ParseOptions(corpus));
            var alone = RulesAlone.Bind(compilation, _options.EvictMegabytes);
            _log($"  {corpus.Lines:N0} lines, {corpus.Files.Length} files, {errors.Count} errors, {alone.Bodies:N0} bodies bound; load average {LoadAverage()}");
            var rounds = AloneSets().ToDictionary(s => s, _ => new List<TimeSpan>());
            var perAnalyzer = AloneSets().ToDictionary(s => s, _ => new List<ImmutableArray<TimeSpan>>());
            var diagnostics = new Dictionary<AnalyzerSet, int>();
            var repeat = _options.RepeatFor(corpus.Lines);
            // One round more than asked goes unmeasured: the first after the binding ran 1.1x to 1.7x slower for whichever build came first.
            var warmup = _options.Warmup + 1;
            for (var i = 0; i < warmup + repeat; i++)
            {
                foreach (var set in rounds.Keys)
                {
                    Settle();
                    var before = Collections.Now();
                    var (cpu, analyzers, count) = alone.Run(set.Analyzers);
                    _log($"    {(i < warmup ? "warm-up" : "round " + (i - warmup + 1))}, {set.Name}: {Format(cpu)} CPU, {count:N0} diagnostics, {Collections.Now() - before}");
                    diagnostics[set] = count;
                    if (i >= warmup)
                    {
                        rounds[set].Add(cpu);
                        perAnalyzer[set].Add(analyzers);
                    }
                }
            }

            return new AloneResult(corpus, alone.Bodies, rounds.Keys.Select(s => new AloneSetResult(
                s,
                rounds[s].ToImmutableArray(),
                Enumerable.Range(0, s.Analyzers.Length).Select(a => Median(perAnalyzer[s].Select(r => r[a]))).ToImmutableArray(),
                diagnostics[s])).ToList());
        }

        /// <summary>Runs our rules alone, and the baseline's, once on a small corpus, unmeasured, for the JIT.</summary>
        public void WarmUpAlone(Corpus corpus)
        {
            var alone = RulesAlone.Bind(Compile(corpus, _frameworkReferences, ParseOptions(corpus)).Compilation);
            foreach (var set in AloneSets())
            {
                alone.Run(set.Analyzers);
            }
        }

        /// <summary>The builds <c>--alone</c> times: ours, and the baseline.</summary>
        private IEnumerable<AnalyzerSet> AloneSets() => _sets.Where(s => s.Name is AnalyzerSets.Ours or AnalyzerSets.Baseline);

        /// <summary>
        /// Runs the compiler and every analyzer set a few times on a small corpus, unmeasured, so that the measured runs
        /// find the code of Roslyn and of the analyzers compiled by the JIT at its final tier, as in a long-lived compiler server.
        /// </summary>
        public async Task WarmUpAsync(Corpus corpus, int rounds)
        {
            var parseOptions = ParseOptions(corpus);
            var options = CompilationOptions();
            var compilation = CSharpCompilation.Create("Corpus", Parse(corpus, parseOptions), _frameworkReferences, options);
            for (var round = 0; round < rounds; round++)
            {
                _log($"  warm-up round {round + 1}/{rounds}");
                TimeCompiler(corpus, parseOptions, _frameworkReferences, options);
                foreach (var set in _sets)
                {
                    await RunAsync(compilation, set.Analyzers).ConfigureAwait(false);
                }

                if (_options.Methods)
                {
                    var ours = _sets.First(s => s.Name == AnalyzerSets.Ours);
                    await RunAsync(compilation, ours.Analyzers.Select(a => (DiagnosticAnalyzer)new TimedAnalyzer(a, new CallbackTimes())).ToImmutableArray()).ConfigureAwait(false);
                }
            }
        }

        /// <summary>The compilation options of every corpus, with the severities each analyzer set needs.</summary>
        public CSharpCompilationOptions CompilationOptions()
        {
            var severities = new Dictionary<string, ReportDiagnostic>();
            foreach (var set in _sets)
            {
                foreach (var pair in set.DiagnosticOptions)
                {
                    severities[pair.Key] = pair.Value;
                }
            }

            return new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    optimizationLevel: OptimizationLevel.Release,
                    allowUnsafe: true,
                    nullableContextOptions: NullableContextOptions.Enable,
                    concurrentBuild: false)
                .WithSpecificDiagnosticOptions(severities);
        }

        private ImmutableArray<MetadataReference> References(IEnumerable<string> extraReferenceFolders) =>
            _frameworkReferences.AddRange(extraReferenceFolders
                .SelectMany(folder => Directory.GetFiles(folder, "*.dll"))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));

        /// <summary>The compilation every analyzer set runs on, and its errors; a generated corpus must have none.</summary>
        private (Compilation Compilation, List<Diagnostic> Errors) Compile(Corpus corpus, ImmutableArray<MetadataReference> references, CSharpParseOptions parseOptions)
        {
            var compilation = CSharpCompilation.Create("Corpus", Parse(corpus, parseOptions), references, CompilationOptions());
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (corpus.Generated && errors.Count > 0)
            {
                throw new InvalidOperationException("The generated corpus does not compile:" + Environment.NewLine
                    + string.Join(Environment.NewLine, errors.Take(10).Select(e => e.ToString())));
            }

            // The same trees and options without the bound state counting the errors left behind, which would only weigh on the collector.
            return (compilation.Clone(), errors);
        }

        private static CSharpParseOptions ParseOptions(Corpus corpus)
        {
            // The symbols an SDK build of a net10.0 project defines, for code that tests them.
            var symbols = new[] { "RELEASE", "NET", "NETCOREAPP", "NET10_0" }
                .Concat(Enumerable.Range(5, 6).Select(v => $"NET{v}_0_OR_GREATER"))
                .Concat(new[] { "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NETSTANDARD2_0_OR_GREATER", "NETSTANDARD2_1_OR_GREATER" });
            return new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular, corpus.Generated ? null : symbols);
        }

        private static ImmutableArray<SyntaxTree> Parse(Corpus corpus, CSharpParseOptions options) =>
            corpus.Files.Select(file => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), options, file.Path)).ToImmutableArray();

        private static CompilerTimes TimeCompiler(Corpus corpus, CSharpParseOptions parseOptions, ImmutableArray<MetadataReference> references, CSharpCompilationOptions options)
        {
            var watch = Stopwatch.StartNew();
            var start = Cpu();
            var trees = Parse(corpus, parseOptions);
            var parsed = Cpu();

            var compilation = CSharpCompilation.Create("Corpus", trees, references, options);
            compilation.GetDeclarationDiagnostics();
            var declared = Cpu();

            compilation.GetDiagnostics();
            var compiled = Cpu();
            return new CompilerTimes(parsed - start, declared - parsed, compiled - declared, watch.Elapsed);
        }

        /// <summary>The CPU time of the process so far, every thread included.</summary>
        private static TimeSpan Cpu() => Environment.CpuUsage.TotalTime;

        /// <summary>The load average of the machine over 1, 5 and 15 minutes, where the system tells it.</summary>
        private static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
            }
            catch (IOException)
            {
                return "unknown";
            }
        }

        private static async Task<SetRun> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var exceptions = 0;
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (_, _, _) => Interlocked.Increment(ref exceptions),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, analyzers, options);
            var collections = Collections.Now();
            var watch = Stopwatch.StartNew();
            var start = Cpu();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var cpu = Cpu() - start;
            var wall = watch.Elapsed;
            collections = Collections.Now() - collections;
            var live = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(withAnalyzers);
            var perAnalyzer = ImmutableArray.CreateBuilder<TimeSpan>(analyzers.Length);
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                perAnalyzer.Add(telemetry.ExecutionTime);
            }

            return new SetRun(perAnalyzer.MoveToImmutable(), wall, cpu, diagnostics, exceptions + diagnostics.Count(d => d.Id == "AD0001"), collections, live);
        }

        private static SetResult Summarise(AnalyzerSet set, List<SetRun> runs)
        {
            var perAnalyzer = Enumerable.Range(0, set.Analyzers.Length).Select(i => Median(runs.Select(r => r.CpuOf(r.PerAnalyzer[i])))).ToImmutableArray();
            var last = runs[^1];
            var counts = last.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.Count());
            return new SetResult(
                set,
                perAnalyzer,
                Median(runs.Select(r => r.CpuOf(r.Total))),
                Median(runs.Select(r => r.Total)),
                Median(runs.Select(r => r.Wall)),
                Median(runs.Select(r => r.Cpu)),
                runs.Min(r => r.CpuOf(r.Total)),
                runs.Max(r => r.CpuOf(r.Total)),
                counts,
                last.Diagnostics,
                runs.Max(r => r.Exceptions),
                Median(runs.Select(r => r.LiveBytes)),
                Median(runs.Select(r => r.Collections.Allocated)),
                runs.Select(r => r.CpuOf(r.Total)).ToImmutableArray());
        }

        /// <summary>Collects garbage left by the previous run, so no run pays for another's.</summary>
        private static void Settle()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        public static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks(Median(values.Select(v => v.Ticks)));

        /// <summary>The middle value, or the mean of the two in the middle; zero for none.</summary>
        public static T Median<T>(IEnumerable<T> values) where T : INumber<T>
        {
            var sorted = values.OrderBy(v => v).ToList();
            if (sorted.Count == 0)
            {
                return T.Zero;
            }

            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / T.CreateChecked(2);
        }

        public static string Format(TimeSpan time) =>
            time.TotalMilliseconds >= 10000 ? $"{time.TotalSeconds:F1} s" : $"{time.TotalMilliseconds:F0} ms";

        /// <summary>
        /// An analyzer that asks only to see each type: the cost of driving analyzers at all (the driver compiles the
        /// corpus again to raise its events), which every set pays before its own work.
        /// </summary>
        internal sealed class IdleAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor s_descriptor = new DiagnosticDescriptor(
                "BENCH0001", "Idle", "Idle", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_descriptor);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
            }
        }
    }
}
