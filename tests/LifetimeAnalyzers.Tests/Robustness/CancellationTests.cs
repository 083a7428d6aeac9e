using System;
using System.Collections.Immutable;
using System.Diagnostics;
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
    /// The IDE cancels analysis on every keystroke: a cancelled analysis must stop promptly, and must leave
    /// nothing behind that changes the next answer.
    /// </summary>
    public sealed class CancellationTests
    {
        /// <summary>How soon after the cancellation the analysis must have stopped.</summary>
        private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(5);

        private readonly ITestOutputHelper _output;

        public CancellationTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<int, bool> CancelPoints() => new()
        {
            { 50, false },
            { 50, true },
            { 400, false },
            { 1500, true },
        };

        [Theory]
        [MemberData(nameof(CancelPoints))]
        public async Task Cancelled_analysis_of_a_large_input_stops_promptly(int cancelAfterMilliseconds, bool concurrent)
        {
            using var harness = new PackageHarness();
            var compilation = await LargeCompilationAsync(harness);
            var withAnalyzers = compilation.WithAnalyzers(harness.Analyzers, Options(concurrent));
            using var cancellation = new CancellationTokenSource();

            var analysis = Task.Run(() => withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellation.Token));
            await Task.WhenAny(analysis, Task.Delay(cancelAfterMilliseconds));
            var stopwatch = Stopwatch.StartNew();
            cancellation.Cancel();
            var stopped = await Task.WhenAny(analysis, Task.Delay(s_prompt)) == analysis;
            stopwatch.Stop();

            Assert.True(stopped, $"The analysis was still running {s_prompt.TotalSeconds:0} s after being cancelled.");
            var outcome = analysis.IsCanceled ? "cancelled" : analysis.IsFaulted ? "faulted" : "completed before the cancellation";
            _output.WriteLine($"Cancelled after {cancelAfterMilliseconds} ms ({(concurrent ? "concurrent" : "sequential")}): {outcome}, {stopwatch.ElapsedMilliseconds} ms after the cancellation.");
            if (analysis.IsFaulted)
            {
                var exception = analysis.Exception!.GetBaseException();
                Assert.True(exception is OperationCanceledException, $"The cancelled analysis failed with {exception}");
            }
        }

        // The engine caches per compilation; a computation cut short must not be remembered as an answer.
        [Fact]
        public async Task Analysis_after_a_cancelled_one_gives_the_same_diagnostics_as_a_fresh_analysis()
        {
            using var harness = new PackageHarness();
            var fresh = await harness.AnalyzeAsync(await MediumCompilationAsync(harness), FuzzSettings.HostileBound);
            Assert.True(fresh.Failures.IsEmpty, string.Join("\n\n", fresh.Failures));
            Assert.False(fresh.TimedOut, fresh.TimeProblem(FuzzSettings.HostileBound));

            var compilation = await MediumCompilationAsync(harness);
            var withAnalyzers = compilation.WithAnalyzers(harness.Analyzers, Options(concurrent: true));
            foreach (var cancelAfter in new[] { 10, 50, 200, 600 })
            {
                using var cancellation = new CancellationTokenSource(cancelAfter);
                try
                {
                    await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellation.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            var afterCancelled = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var again = await harness.AnalyzeAsync(compilation, FuzzSettings.HostileBound);

            Assert.Equal(Describe(fresh.Diagnostics), Describe(afterCancelled.Where(d => !d.Id.StartsWith("AD", StringComparison.Ordinal))));
            Assert.Equal(Describe(fresh.Diagnostics), Describe(again.Diagnostics));
            Assert.DoesNotContain(afterCancelled, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
        }

        /// <summary>The generated warning corpus and the largest hostile method, which take the analyzers seconds.</summary>
        private static async Task<Compilation> LargeCompilationAsync(PackageHarness harness)
        {
            var files = WarningCorpus.Generated(files: 8, classesPerFile: 12)
                .Concat(HostileSources.Create("Method_of_10000_dispose_assign_use_statements").Files)
                .Concat(HostileSources.Create("Call_chain_500_deep_releasing_at_the_bottom").Files)
                .ToArray();
            return (await harness.CreateProject(files, nullable: false).GetCompilationAsync())!;
        }

        /// <summary>The buggy sample and a generated corpus: many summaries and diagnostics, in about a second.</summary>
        private static async Task<Compilation> MediumCompilationAsync(PackageHarness harness) =>
            (await harness.CreateProject(WarningCorpus.SampleAndGenerated(files: 4, classesPerFile: 6), nullable: true).GetCompilationAsync())!;

        private static CompilationWithAnalyzersOptions Options(bool concurrent) =>
            new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false);

        private static string[] Describe(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) =>
            diagnostics
                .Select(d => $"{d.Location.SourceTree?.FilePath}{d.Location.SourceSpan} {d.Id}: {d.GetMessage()} [{string.Join(", ", d.AdditionalLocations.Select(l => l.SourceTree?.FilePath + l.SourceSpan))}]")
                .OrderBy(text => text, StringComparer.Ordinal)
                .ToArray();
    }
}
