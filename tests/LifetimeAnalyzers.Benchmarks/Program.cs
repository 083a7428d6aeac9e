using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// The cost of the analyzers, side by side with the compiler and the peers, and how it grows with the code:
    /// see docs/performance.md. Tables go to standard output as Markdown, progress to standard error.
    /// </summary>
    internal static class Program
    {
        /// <summary>The size of the corpus every set first runs on, unmeasured, and how many times.</summary>
        private const int WarmUpLines = 3000;
        private const int WarmUpRounds = 2;

        public static async Task<int> Main(string[] args)
        {
            BenchmarkOptions options;
            try
            {
                options = BenchmarkOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine();
                Console.Error.WriteLine(BenchmarkOptions.Usage);
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

#if DEBUG
            Console.Error.WriteLine("warning: a Debug build of the harness; the figures are only meaningful from -c Release.");
#endif
            var total = Stopwatch.StartNew();
            void Log(string message) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

            try
            {
                var sets = new List<AnalyzerSet> { AnalyzerSets.LoadOurs() };
                // Alone, only our rules run: the peers would be loaded for nothing.
                if (options.Peers && !options.Alone)
                {
                    sets.Add(AnalyzerSets.LoadIDisposableAnalyzers());
                    sets.Add(AnalyzerSets.LoadNetAnalyzers());
                }

                if (options.Baseline is { } baseline)
                {
                    sets.Add(AnalyzerSets.LoadBaseline(baseline));
                }

                var report = new Report(Console.Out, options);
                Header(options, sets);
                var harness = new Harness(options, Harness.LoadFrameworkReferences(), sets, Log);
                if (options.Alone)
                {
                    return MeasureAlone(harness, report, options, Log);
                }

                Log("warming up");
                await harness.WarmUpAsync(DriverCorpusGenerator.Generate(WarmUpLines, options.Seed + 1), options.Quick ? 1 : WarmUpRounds).ConfigureAwait(false);

                var results = new List<CorpusResult>();
                foreach (var corpus in Corpora(options, Log))
                {
                    results.Add(await Measure(harness, report, corpus, options, Log).ConfigureAwait(false));
                }

                report.Summary(results);
                Log("done");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        }

        private static int MeasureAlone(Harness harness, Report report, BenchmarkOptions options, Action<string> log)
        {
            log("warming up");
            harness.WarmUpAlone(DriverCorpusGenerator.Generate(WarmUpLines, options.Seed + 1));
            foreach (var corpus in Corpora(options, log))
            {
                log($"measuring {corpus.Name}");
                report.Alone(harness.MeasureAlone(corpus, options.ReferenceFolders));
            }

            log("done");
            return 0;
        }

        private static async Task<CorpusResult> Measure(Harness harness, Report report, Corpus corpus, BenchmarkOptions options, Action<string> log)
        {
            log($"measuring {corpus.Name}");
            var result = await harness.MeasureAsync(corpus, options.ReferenceFolders).ConfigureAwait(false);
            report.Corpus(result);
            return result;
        }

        /// <summary>The generated corpora, smallest first, then the folders: each made or read when its turn comes.</summary>
        private static IEnumerable<Corpus> Corpora(BenchmarkOptions options, Action<string> log)
        {
            foreach (var size in options.Sizes.Distinct().OrderBy(s => s))
            {
                log($"generating a driver corpus of {size:N0} lines");
                var corpus = DriverCorpusGenerator.Generate(size, options.Seed);
                if (options.WriteCorpus is { } folder)
                {
                    corpus.WriteTo(Path.Combine(folder, size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                yield return corpus;
            }

            foreach (var folder in options.Folders)
            {
                log($"reading {folder}");
                yield return Corpus.FromFolder(folder);
            }
        }

        private static void Header(BenchmarkOptions options, IReadOnlyList<AnalyzerSet> sets)
        {
            var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
            var roslyn = typeof(Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            Console.WriteLine("# LifetimeAnalyzers performance");
            Console.WriteLine();
            Console.WriteLine($"- Machine: {Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSArchitecture} {RuntimeInformation.OSDescription}");
            Console.WriteLine($"- Runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; Roslyn {roslyn} as the host compiler");
            Console.WriteLine($"- Analyzers: {string.Join("; ", sets.Select(s => $"{s.Name} {s.Version} ({s.Analyzers.Length})"))}");
            Console.WriteLine($"- Each figure is the median of {options.Repeat} run(s) ({options.RepeatFor(0)} below {BenchmarkOptions.SmallCorpusLines:N0} lines) after {options.Warmup} warm-up run(s); analysis not concurrent, compiler single-threaded");
        }
    }
}
