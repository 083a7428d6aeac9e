using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The same code gets the same answer every time: analysed twice, sequentially or concurrently, cold or with
    /// the caches warm, file by file as an IDE does or all at once as a build does, with the files in any order.
    /// Compared are the id, location, severity, message, additional locations and properties of every diagnostic.
    /// </summary>
    /// <remarks>
    /// The order in which the analyzer driver returns diagnostics follows the order in which the compiler
    /// finishes methods. A sequential analysis of a compilation built without <c>ConcurrentBuild</c> has one such
    /// order, and must return the diagnostics in exactly that order every time. Otherwise the order varies
    /// from run to run even with no analyzer at all involved, and the diagnostics are compared after the sort
    /// by location that hosts apply (a stable one, so the order of diagnostics at one location still counts) and
    /// after a complete sort.
    /// </remarks>
    public sealed class DeterminismTests
    {
        private const int GeneratedFiles = 4;
        private const int ClassesPerFile = 6;

        private static readonly TimeSpan s_bound = FuzzSettings.HostileBound;

        private readonly ITestOutputHelper _output;

        public DeterminismTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task The_corpus_has_many_warnings()
        {
            using var harness = new PackageHarness();
            var outcome = await AnalyzeAsync(harness, harness.CreateProject(WarningCorpus.SampleAndGenerated(GeneratedFiles, ClassesPerFile)), concurrent: false);

            var perId = outcome.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            _output.WriteLine($"{outcome.Diagnostics.Length} diagnostics: {string.Join(", ", perId)}.");
            Assert.True(outcome.Diagnostics.Length >= 100, $"Only {outcome.Diagnostics.Length} diagnostics: too few to show that their order is stable.");
        }

        [Fact]
        public async Task Same_compilation_analysed_twice_gives_the_same_diagnostics_in_the_same_order()
        {
            using var harness = new PackageHarness();
            var compilation = Sequential(await CompileAsync(harness));

            var first = await AnalyzeAsync(harness, compilation, concurrent: false);
            var second = await AnalyzeAsync(harness, compilation, concurrent: false);

            AssertSameSequence(first.Diagnostics, second.Diagnostics, "a second sequential analysis of the same compilation");
        }

        [Fact]
        public async Task Fresh_compilation_and_fresh_analyzers_give_the_same_diagnostics_in_the_same_order()
        {
            using var warm = new PackageHarness();
            var compilation = Sequential(await CompileAsync(warm));
            await AnalyzeAsync(warm, compilation, concurrent: false);
            var warmed = await AnalyzeAsync(warm, compilation, concurrent: false);

            using var cold = new PackageHarness();
            var fresh = await AnalyzeAsync(cold, Sequential(await CompileAsync(cold)), concurrent: false);

            AssertSameSequence(warmed.Diagnostics, fresh.Diagnostics, "a new compilation of the same code, analysed by new analyzer instances");
        }

        [Fact]
        public async Task Concurrent_analysis_gives_the_same_diagnostics_as_sequential_analysis()
        {
            using var harness = new PackageHarness();
            var compilation = await CompileAsync(harness);

            var sequential = await AnalyzeAsync(harness, Sequential(compilation), concurrent: false);
            for (var run = 0; run < 3; run++)
            {
                // A fresh compilation each time, so that no run profits from another's caches.
                var concurrent = await AnalyzeAsync(harness, run == 0 ? compilation : await CompileAsync(harness), concurrent: true);
                AssertSameSequence(ByLocation(sequential.Diagnostics), ByLocation(concurrent.Diagnostics), $"concurrent analysis, run {run + 1}, sorted by location");
                AssertSameSequence(Sorted(sequential.Diagnostics), Sorted(concurrent.Diagnostics), $"concurrent analysis, run {run + 1}, sorted completely");
            }
        }

        [Fact]
        public async Task Order_of_the_files_does_not_change_the_diagnostics()
        {
            using var harness = new PackageHarness();
            var files = WarningCorpus.SampleAndGenerated(GeneratedFiles, ClassesPerFile);

            var forwards = await AnalyzeAsync(harness, Sequential((await harness.CreateProject(files).GetCompilationAsync())!), concurrent: false);
            var backwards = await AnalyzeAsync(harness, Sequential((await harness.CreateProject(files.Reverse().ToArray()).GetCompilationAsync())!), concurrent: false);

            AssertSameSequence(ByLocation(forwards.Diagnostics), ByLocation(backwards.Diagnostics), "the same files added in reverse order, sorted by location");
            AssertSameSequence(Sorted(forwards.Diagnostics), Sorted(backwards.Diagnostics), "the same files added in reverse order, sorted completely");
        }

        // An IDE asks file by file, so the summaries of other files are computed in another order, or not at all.
        [Fact]
        public async Task File_by_file_analysis_gives_the_same_diagnostics_as_whole_compilation_analysis()
        {
            using var harness = new PackageHarness();
            var whole = await AnalyzeAsync(harness, await CompileAsync(harness), concurrent: false);

            var compilation = await CompileAsync(harness);
            var withAnalyzers = compilation.WithAnalyzers(harness.Analyzers, Options(concurrent: false));
            var byFile = new List<Diagnostic>();
            foreach (var tree in compilation.SyntaxTrees.Reverse())
            {
                using var cancellation = new CancellationTokenSource(TimeSpan.FromTicks(s_bound.Ticks * FuzzSettings.WallClockSlack));
                var model = compilation.GetSemanticModel(tree);
                byFile.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellation.Token));
                byFile.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellation.Token));
            }

            // What only the whole compilation can tell (compilation end actions), asked for last.
            using (var cancellation = new CancellationTokenSource(TimeSpan.FromTicks(s_bound.Ticks * FuzzSettings.WallClockSlack)))
            {
                var result = await withAnalyzers.GetAnalysisResultAsync(cancellation.Token);
                byFile.AddRange(result.CompilationDiagnostics.SelectMany(pair => pair.Value));
            }

            Assert.DoesNotContain(byFile, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
            AssertSameSequence(ByLocation(whole.Diagnostics), ByLocation(byFile), "file-by-file analysis, last file first, sorted by location");
            AssertSameSequence(Sorted(whole.Diagnostics), Sorted(byFile), "file-by-file analysis, last file first, sorted completely");
        }

        // The rules share the engine's caches: alone, an analyzer asks for summaries in another order, or for fewer.
        [Fact]
        public async Task Each_analyzer_alone_reports_what_it_reports_among_all()
        {
            using var harness = new PackageHarness();
            var all = await AnalyzeAsync(harness, Sequential(await CompileAsync(harness)), concurrent: false);

            foreach (var analyzer in harness.Analyzers)
            {
                var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();
                var alone = await harness.AnalyzeAsync(Sequential(await CompileAsync(harness)), s_bound, concurrent: false, only: ImmutableArray.Create(analyzer));
                Assert.True(alone.Failures.IsEmpty, "Analyzers threw:\n" + string.Join("\n\n", alone.Failures));
                // The driver orders its output by analyzer as well: only the sorted sequences compare.
                var among = all.Diagnostics.Where(d => ids.Contains(d.Id)).ToList();
                AssertSameSequence(ByLocation(among), ByLocation(alone.Diagnostics), $"{analyzer.GetType().Name} run alone, sorted by location", allowEmpty: true);
                AssertSameSequence(Sorted(among), Sorted(alone.Diagnostics), $"{analyzer.GetType().Name} run alone, sorted completely", allowEmpty: true);
            }
        }

        private static CompilationWithAnalyzersOptions Options(bool concurrent) =>
            new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false);

        private static async Task<Compilation> CompileAsync(PackageHarness harness) =>
            (await harness.CreateProject(WarningCorpus.SampleAndGenerated(GeneratedFiles, ClassesPerFile)).GetCompilationAsync())!;

        private static async Task<AnalysisOutcome> AnalyzeAsync(PackageHarness harness, Project project, bool concurrent) =>
            await AnalyzeAsync(harness, (await project.GetCompilationAsync())!, concurrent);

        private static async Task<AnalysisOutcome> AnalyzeAsync(PackageHarness harness, Compilation compilation, bool concurrent)
        {
            var outcome = await harness.AnalyzeAsync(compilation, s_bound, concurrent);
            Assert.True(outcome.Failures.IsEmpty, "Analyzers threw:\n" + string.Join("\n\n", outcome.Failures));
            Assert.False(outcome.TimedOut, "The analysis did not finish: " + outcome.TimeProblem(s_bound));
            return outcome;
        }

        /// <summary>The compilation as built without concurrency, so that the compiler finishes its methods in one order.</summary>
        private static Compilation Sequential(Compilation compilation) =>
            compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));

        /// <summary>
        /// Sorted by file, position and id, as hosts list diagnostics. The sort is stable: diagnostics of one rule
        /// at one location keep the order their analyzer reported them in.
        /// </summary>
        private static ImmutableArray<Diagnostic> ByLocation(IEnumerable<Diagnostic> diagnostics) => PackageHarness.InSourceOrder(diagnostics);

        /// <summary>Sorted completely: by location, then by everything else a user sees.</summary>
        private static ImmutableArray<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Location.SourceSpan.End)
                .ThenBy(Describe, StringComparer.Ordinal)
                .ToImmutableArray();

        /// <summary>Everything a user sees of a diagnostic, as text.</summary>
        private static string Describe(Diagnostic diagnostic)
        {
            var additional = string.Join(", ", diagnostic.AdditionalLocations.Select(Where));
            var properties = string.Join(", ", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            return $"{Where(diagnostic.Location)} {diagnostic.Id} {diagnostic.Severity}: {diagnostic.GetMessage()} [also at {additional}] {{{properties}}}";
        }

        private static string Where(Location location) =>
            location.IsInSource ? $"{location.SourceTree!.FilePath}{location.SourceSpan}" : location.Kind.ToString();

        private static void AssertSameSequence(IReadOnlyList<Diagnostic> expected, IReadOnlyList<Diagnostic> actual, string what, bool allowEmpty = false)
        {
            Assert.True(allowEmpty || expected.Count > 0, "Nothing to compare: the first analysis reported nothing.");
            var left = expected.Select(Describe).ToList();
            var right = actual.Select(Describe).ToList();
            if (left.SequenceEqual(right))
            {
                return;
            }

            var firstDifference = Enumerable.Range(0, Math.Min(left.Count, right.Count)).FirstOrDefault(i => left[i] != right[i], Math.Min(left.Count, right.Count));
            Assert.Fail(
                $"{what} differs from the first analysis: {left.Count} diagnostics before, {right.Count} now; the first difference is at position {firstDifference}.\n" +
                $"Before: {(firstDifference < left.Count ? left[firstDifference] : "(end)")}\n" +
                $"Now:    {(firstDifference < right.Count ? right[firstDifference] : "(end)")}\n" +
                $"Only before:\n  {string.Join("\n  ", left.Except(right).Take(10))}\n" +
                $"Only now:\n  {string.Join("\n  ", right.Except(left).Take(10))}");
        }
    }
}
