using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// One mutation-fuzzing run over the whole corpus, shared by the tests of <see cref="MutationFuzzTests"/>:
    /// every snippet as it is, then <see cref="FuzzSettings.MutantsPerSnippet"/> mutants of it, each analysed by
    /// every analyzer, the code fixes run on what they report, and the refactorings run on every class.
    /// </summary>
    /// <remarks>
    /// Snippets are processed by one worker per core; each snippet's mutants come from its own generator and are
    /// analysed one after another, sequentially, so the run does the same work whatever the number of workers.
    /// </remarks>
    public sealed class MutationFuzzRun : IAsyncLifetime
    {
        /// <summary>On a mutant, how many of its diagnostics the fixes are run on (the originals get all of theirs).</summary>
        private const int FixedDiagnosticsPerMutant = 2;

        /// <summary>How much of a failing mutant's source a report shows.</summary>
        private const int ShownSourceLength = 4000;

        private ImmutableArray<SnippetResult> _results = ImmutableArray<SnippetResult>.Empty;

        public int Seed { get; private set; }

        public int MutantsPerSnippet { get; private set; }

        internal ImmutableArray<Snippet> Snippets { get; private set; }

        public int OriginalsAnalysed => _results.Sum(r => r.OriginalsAnalysed);

        public int MutantsAnalysed => _results.Sum(r => r.MutantsAnalysed);

        public int MutantsWithDiagnostics => _results.Sum(r => r.MutantsWithDiagnostics);

        public int DiagnosticsOnOriginals => _results.Sum(r => r.DiagnosticsOnOriginals);

        public int DiagnosticsOnMutants => _results.Sum(r => r.DiagnosticsOnMutants);

        public int FixInvocations => _results.Sum(r => r.FixInvocations);

        public int FixActionsApplied => _results.Sum(r => r.FixActionsApplied);

        public int FixAllsApplied => _results.Sum(r => r.FixAllsApplied);

        /// <summary>Originals that compiled, so that the results of their fixes were compiled too.</summary>
        public int CompilingOriginalsFixed => _results.Sum(r => r.CompilingOriginalsFixed);

        public ImmutableArray<string> CodeFixNames { get; private set; }

        /// <summary>The invocations of each code fix and refactoring, by type name; every one of the package is listed.</summary>
        public ImmutableDictionary<string, int> InvocationsPerFix =>
            CodeFixNames.ToImmutableDictionary(name => name, name => _results.Sum(r => r.InvocationsPerFix.TryGetValue(name, out var count) ? count : 0));

        public TimeSpan Elapsed { get; private set; }

        public string Slowest => _results.OrderByDescending(r => r.SlowestTime).Select(r => r.Slowest).FirstOrDefault() ?? "none";

        internal IReadOnlyList<Failure> AnalyzerFailures => _results.SelectMany(r => r.AnalyzerFailures).ToList();

        internal IReadOnlyList<Failure> SlowInputs => _results.SelectMany(r => r.SlowInputs).ToList();

        internal IReadOnlyList<Failure> FixFailures => _results.SelectMany(r => r.FixFailures).ToList();

        /// <summary>Fixes applied to an original snippet that compiled, whose result does not.</summary>
        internal IReadOnlyList<Failure> BrokenFixes => _results.SelectMany(r => r.BrokenFixes).ToList();

        public string Summary =>
            $"Seed {Seed} ({FuzzSettings.SeedVariable}), {MutantsPerSnippet} mutants per snippet ({FuzzSettings.MutantsVariable}).\n" +
            $"{Snippets.Length} snippets: {OriginalsAnalysed} originals and {MutantsAnalysed} mutants analysed in {Elapsed.TotalSeconds:0.0} s; slowest: {Slowest}.\n" +
            $"Diagnostics: {DiagnosticsOnOriginals} on the originals, {DiagnosticsOnMutants} on {MutantsWithDiagnostics} mutants.\n" +
            $"Code fixes: {FixInvocations} invocations ({string.Join(", ", InvocationsPerFix.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}), " +
            $"{FixActionsApplied} actions and {FixAllsApplied} fix-alls applied; fixed code compiled again for the {CompilingOriginalsFixed} originals that compile.\n" +
            $"Failures: {AnalyzerFailures.Count} analyzer, {SlowInputs.Count} time bound, {FixFailures.Count} code fix, {BrokenFixes.Count} fixed code not compiling.";

        public async Task InitializeAsync()
        {
            Seed = FuzzSettings.Seed;
            MutantsPerSnippet = FuzzSettings.MutantsPerSnippet;
            Snippets = SnippetCorpus.All;
            var stopwatch = Stopwatch.StartNew();
            using var harness = new PackageHarness();
            CodeFixNames = harness.CodeFixes.Select(f => f.GetType().Name).Concat(harness.Refactorings.Select(r => r.GetType().Name)).ToImmutableArray();

            var results = new SnippetResult[Snippets.Length];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, Snippets.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (index, _) => results[index] = await FuzzAsync(harness, Snippets[index]).ConfigureAwait(false)).ConfigureAwait(false);

            _results = results.ToImmutableArray();
            Elapsed = stopwatch.Elapsed;
        }

        public Task DisposeAsync() => Task.CompletedTask;

        /// <summary>
        /// The failures as a report: grouped by stack trace (one defect usually fails many mutants), each group
        /// shown once, with its smallest input, which is the best start of a minimal reproduction.
        /// </summary>
        internal static string Report(IReadOnlyList<Failure> failures)
        {
            var groups = failures
                .GroupBy(f => f.Signature, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ToList();
            return string.Join(
                "\n\n",
                groups.Select(group =>
                {
                    var smallest = group.OrderBy(f => f.Source.Length).ThenBy(f => f.Input, StringComparer.Ordinal).First();
                    var source = smallest.Source.Length <= ShownSourceLength ? smallest.Source : smallest.Source.Substring(0, ShownSourceLength) + "\n[...]";
                    return $"{group.Count()} input(s) fail like this; the smallest is {smallest.Input}:\n{smallest.Message}\n---- source ----\n{source}\n---- end ----";
                }));
        }

        /// <summary>The snippet as it is, then its mutants, each analysed and, where something is reported, fixed.</summary>
        private async Task<SnippetResult> FuzzAsync(PackageHarness harness, Snippet snippet)
        {
            var result = new SnippetResult();
            // Each snippet has its own generator: its mutants do not change when other snippets come and go.
            var random = new Random(Seed ^ Mutator.StableHash(snippet.Text));
            for (var index = 0; index <= MutantsPerSnippet; index++)
            {
                var isOriginal = index == 0;
                var mutant = isOriginal ? Mutant.Original(snippet) : Mutator.Mutate(snippet, random);
                var options = random.Next(2) == 0 ? FixedOptionsProvider.Contract : null;
                var name = $"{snippet.Origin} {(isOriginal ? "original" : $"mutant {index}")} ({mutant.Description}){(options is null ? "" : ", with contract options")}";
                var project = harness.CreateProject(mutant.Files, nullable: true);

                var outcome = await harness.AnalyzeAsync(project, FuzzSettings.MutantBound, concurrent: false, options).ConfigureAwait(false);
                if (isOriginal)
                {
                    result.OriginalsAnalysed++;
                    result.DiagnosticsOnOriginals += outcome.Diagnostics.Length;
                }
                else
                {
                    result.MutantsAnalysed++;
                    result.DiagnosticsOnMutants += outcome.Diagnostics.Length;
                    result.MutantsWithDiagnostics += outcome.Diagnostics.IsEmpty ? 0 : 1;
                }

                if (outcome.AnalyzerTime > result.SlowestTime)
                {
                    result.SlowestTime = outcome.AnalyzerTime;
                    result.Slowest = $"{outcome.AnalyzerTime.TotalMilliseconds:0} ms in the analyzers ({outcome.Elapsed.TotalMilliseconds:0} ms in all), {name}";
                }

                result.AnalyzerFailures.AddRange(outcome.Failures.Select(failure => new Failure(name, failure, mutant.Text)));
                if (outcome.TimeProblem(FuzzSettings.MutantBound) is { } problem)
                {
                    result.SlowInputs.Add(new Failure(name, problem, mutant.Text));
                }

                if (outcome.TimedOut)
                {
                    continue;
                }

                // The fixes of code that compiles must give code that compiles: checked where the original compiles.
                var checkCompiles = isOriginal && !(await project.GetCompilationAsync().ConfigureAwait(false))!.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
                result.CompilingOriginalsFixed += checkCompiles ? 1 : 0;
                Record(result, name, mutant, await harness.RefactorAsync(project, FuzzSettings.MutantBound, checkCompiles).ConfigureAwait(false));

                // A generator of its own, so that what the analyzers report does not change the later mutants.
                var choice = new Random(Seed ^ Mutator.StableHash(mutant.Text) ^ index);
                var targets = isOriginal
                    ? PackageHarness.InSourceOrder(outcome.Diagnostics)
                    : PackageHarness.InSourceOrder(outcome.Diagnostics).OrderBy(_ => choice.Next()).Take(FixedDiagnosticsPerMutant).ToImmutableArray();
                if (targets.IsEmpty)
                {
                    continue;
                }

                Record(result, name, mutant, await harness.FixAsync(project, outcome.Diagnostics, targets, FuzzSettings.MutantBound, checkCompiles).ConfigureAwait(false));
            }

            return result;
        }

        private static void Record(SnippetResult result, string name, Mutant mutant, FixOutcome fixes)
        {
            result.FixInvocations += fixes.Invocations;
            result.FixActionsApplied += fixes.ActionsApplied;
            result.FixAllsApplied += fixes.FixAllsApplied;
            foreach (var pair in fixes.InvocationsPerFix)
            {
                result.InvocationsPerFix[pair.Key] = (result.InvocationsPerFix.TryGetValue(pair.Key, out var count) ? count : 0) + pair.Value;
            }

            result.FixFailures.AddRange(fixes.Failures.Select(failure => new Failure(name, failure, mutant.Text)));
            result.BrokenFixes.AddRange(fixes.BrokenResults.Select(broken => new Failure(name, broken, mutant.Text)));
        }

        /// <summary>One failing input: which, what happened, and its source.</summary>
        internal sealed class Failure
        {
            public Failure(string input, string message, string source)
            {
                Input = input;
                Message = message;
                Source = source;
            }

            public string Input { get; }

            public string Message { get; }

            public string Source { get; }

            /// <summary>The stack frames of the failure without the message, or the message when there are none.</summary>
            public string Signature
            {
                get
                {
                    var frames = Message.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("at ", StringComparison.Ordinal)).Take(8).ToList();
                    return frames.Count == 0 ? Message.Split('\n')[0] : string.Join("\n", frames);
                }
            }
        }

        /// <summary>What one snippet and its mutants gave.</summary>
        private sealed class SnippetResult
        {
            public int OriginalsAnalysed { get; set; }

            public int MutantsAnalysed { get; set; }

            public int MutantsWithDiagnostics { get; set; }

            public int DiagnosticsOnOriginals { get; set; }

            public int DiagnosticsOnMutants { get; set; }

            public int FixInvocations { get; set; }

            public int FixActionsApplied { get; set; }

            public int FixAllsApplied { get; set; }

            public int CompilingOriginalsFixed { get; set; }

            public Dictionary<string, int> InvocationsPerFix { get; } = new(StringComparer.Ordinal);

            public TimeSpan SlowestTime { get; set; }

            public string? Slowest { get; set; }

            public List<Failure> AnalyzerFailures { get; } = new();

            public List<Failure> SlowInputs { get; } = new();

            public List<Failure> FixFailures { get; } = new();

            public List<Failure> BrokenFixes { get; } = new();
        }
    }
}
