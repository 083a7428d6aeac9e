using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>Prints the figures as Markdown, and checks the targets of docs/performance.md.</summary>
    internal sealed class Report
    {
        /// <summary>Our rules may cost at most this fraction of the compiler's own time.</summary>
        public const double CompilerShareTarget = 0.10;

        /// <summary>4x the lines may cost at most 4.5x the time: the allowed excess of the time ratio over the lines ratio.</summary>
        public const double GrowthTarget = 4.5 / 4.0;

        private readonly TextWriter _out;
        private readonly BenchmarkOptions _options;

        public Report(TextWriter output, BenchmarkOptions options)
        {
            _out = output;
            _options = options;
        }

        public void Corpus(CorpusResult result)
        {
            var corpus = result.Corpus;
            var compiler = result.Compiler;
            _out.WriteLine();
            _out.WriteLine($"## {corpus.Name}: {corpus.Lines:N0} lines in {corpus.Files.Length:N0} files");
            _out.WriteLine();
            _out.WriteLine($"Compiler, single-threaded, CPU time: parse {Ms(compiler.Parse)}, declarations {Ms(compiler.Declarations)}, method bodies {Ms(compiler.Bodies)}, "
                + $"total **{Ms(compiler.Total)}** ({Ms(compiler.Wall)} wall); {result.CompilerErrors:N0} errors. Load average {result.LoadBefore} before, {result.LoadAfter} after.");
            foreach (var error in result.TopErrors)
            {
                _out.WriteLine($"- {error}");
            }

            _out.WriteLine($"Analyzer driver with an idle analyzer (it compiles the corpus again to raise its events): {Ms(result.BaselineRunCpu)} CPU, "
                + $"{Mb(result.BaselineLiveBytes)} live after the run, {Mb(result.BaselineAllocated)} allocated.");
            _out.WriteLine();
            _out.WriteLine("| analyzer | CPU in analyzer | % of compiler | telemetry (wall) | run CPU minus the idle driver | allocated beyond the idle driver | kept while the compilation lives | diagnostics |");
            _out.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var set in result.Sets)
            {
                var counts = string.Join(", ", set.DiagnosticCounts.OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} x{p.Value}"))
                    + (set.DiagnosticCounts.Count > 6 ? $", +{set.DiagnosticCounts.Count - 6} more ids" : "")
                    + (set.Exceptions > 0 ? $", **{set.Exceptions} analyzer exceptions**" : "");
                _out.WriteLine($"| **{set.Set.Name} {set.Set.Version}** ({set.Set.Analyzers.Length} analyzers) | **{Ms(set.TotalCpu)}** | {Percent(set.TotalCpu, compiler.Total)} "
                    + $"| {Ms(set.Total)} | {Ms(set.RunCpu - result.BaselineRunCpu)} | {Mb(set.Allocated - result.BaselineAllocated)} | {Mb(set.LiveBytes - result.BaselineLiveBytes)} | {counts} |");
                var shown = set.Set.Name == AnalyzerSets.Ours ? set.Set.Analyzers.Length : 3;
                var ordered = set.Set.Analyzers.Select((a, i) => (Name: AnalyzerSet.NameOf(a), Time: set.PerAnalyzerCpu[i])).OrderByDescending(a => a.Time).ToList();
                foreach (var (name, time) in ordered.Take(shown))
                {
                    _out.WriteLine($"| &nbsp;&nbsp;{name} | {Ms(time)} | {Percent(time, compiler.Total)} | | | | | |");
                }

                if (ordered.Count > shown)
                {
                    var rest = ordered.Skip(shown).Aggregate(TimeSpan.Zero, (sum, a) => sum + a.Time);
                    _out.WriteLine($"| &nbsp;&nbsp;{ordered.Count - shown} others | {Ms(rest)} | {Percent(rest, compiler.Total)} | | | | | |");
                }
            }

            var ours = Ours(result);
            if (corpus.Generated)
            {
                // Every planted bug sits on a line marked "// LIFE001"; a report anywhere else is a false positive.
                var reported = ours.Diagnostics.Where(d => d.Id == "LIFE001").ToList();
                var unmarked = reported.Where(d => !LineOf(d).Contains("// LIFE001", StringComparison.Ordinal)).ToList();
                var found = reported.Except(unmarked).Select(d => (d.Location.SourceTree?.FilePath, d.Location.GetLineSpan().StartLinePosition.Line)).Distinct().Count();
                _out.WriteLine();
                _out.WriteLine($"LIFE001 bugs planted by the generator: {corpus.PlantedUseAfterRelease}, of which reported: {found}; "
                    + $"LIFE001 diagnostics: {reported.Count} ({reported.Count - unmarked.Count} on planted lines, {unmarked.Count} elsewhere).");
                foreach (var diagnostic in unmarked.Take(3))
                {
                    _out.WriteLine($"- elsewhere: {diagnostic.Location.GetLineSpan().Path}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1} `{LineOf(diagnostic).Trim()}`");
                }
            }

            if (result.SlowestMembers is { } members && result.SlowestFiles is { } files)
            {
                _out.WriteLine();
                _out.WriteLine($"Slowest for LifetimeAnalyzers (instrumented run: each callback timed, less garbage-collection pauses, and charged to the member it analyses; {Ms(result.InstrumentedTotal)} in all, besides {Ms(result.InstrumentedPauses)} of collection pauses that fell inside the callbacks):");
                _out.WriteLine();
                _out.WriteLine("| slowest members | time | callbacks | file |");
                _out.WriteLine("| --- | ---: | ---: | --- |");
                foreach (var item in members.Take(_options.Top))
                {
                    _out.WriteLine($"| `{item.Name}` | {Ms(item.Time, precise: true)} | {item.Calls} | {item.File ?? ""} |");
                }

                _out.WriteLine();
                _out.WriteLine("| slowest files | time | callbacks |");
                _out.WriteLine("| --- | ---: | ---: |");
                foreach (var item in files.Take(_options.Top))
                {
                    _out.WriteLine($"| {item.Name} | {Ms(item.Time, precise: true)} | {item.Calls} |");
                }
            }
        }

        /// <summary>The table across corpora, the growth from size to size, and the targets; returns how many targets failed.</summary>
        public int Summary(IReadOnlyList<CorpusResult> results)
        {
            var peers = results[0].Sets.Where(s => s.Set.Name != AnalyzerSets.Ours).Select(s => s.Set.Name).ToList();
            _out.WriteLine();
            _out.WriteLine("## Summary");
            _out.WriteLine();
            _out.WriteLine("| corpus | lines | files | compiler | LifetimeAnalyzers | % of compiler | "
                + string.Join(" | ", peers.Select(p => $"{p} | ours / it")) + " | slowest member (ours) |");
            _out.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | " + string.Join(" | ", peers.Select(_ => "---: | ---:")) + " | --- |");
            foreach (var result in results)
            {
                var ours = Ours(result);
                var peerCells = peers.Select(p => result.Sets.First(s => s.Set.Name == p)).Select(p => $"{Ms(p.TotalCpu)} | {Ratio(ours.TotalCpu, p.TotalCpu)}");
                var slowest = result.SlowestMembers?.FirstOrDefault(m => m.File is not null) is { } member ? $"`{member.Name}` {Ms(member.Time, precise: true)}" : "";
                _out.WriteLine($"| {result.Corpus.Name} | {result.Corpus.Lines:N0} | {result.Corpus.Files.Length:N0} | {Ms(result.Compiler.Total)} | {Ms(ours.TotalCpu)} "
                    + $"| {Percent(ours.TotalCpu, result.Compiler.Total)} | {string.Join(" | ", peerCells)} | {slowest} |");
            }

            SideBySide(results);

            var generated = results.Where(r => r.Corpus.Generated).OrderBy(r => r.Corpus.Lines).ToList();
            var steps = generated.Zip(generated.Skip(1), (from, to) => (From: from, To: to)).ToList();
            if (steps.Count > 0)
            {
                _out.WriteLine();
                _out.WriteLine("Growth from size to size: time ratio, and in brackets the time ratio divided by the lines ratio (1.00 is linear).");
                _out.WriteLine();
                _out.WriteLine("| step | lines | compiler | LifetimeAnalyzers | " + string.Join(" | ", peers) + " |");
                _out.WriteLine("| --- | ---: | ---: | ---: | " + string.Join(" | ", peers.Select(_ => "---:")) + " |");
                foreach (var (from, to) in steps)
                {
                    var lines = (double)to.Corpus.Lines / from.Corpus.Lines;
                    string Growth(TimeSpan a, TimeSpan b) => a.Ticks == 0 ? "n/a" : $"{Ratio(b, a)} ({Factor(b, a) / lines:F2})";
                    var peerCells = peers.Select(p => Growth(from.Sets.First(s => s.Set.Name == p).TotalCpu, to.Sets.First(s => s.Set.Name == p).TotalCpu));
                    _out.WriteLine($"| {from.Corpus.Lines:N0} → {to.Corpus.Lines:N0} | {lines:F2}x | {Growth(from.Compiler.Total, to.Compiler.Total)} "
                        + $"| {Growth(Ours(from).TotalCpu, Ours(to).TotalCpu)} | {string.Join(" | ", peerCells)} |");
                }
            }

            // The targets.
            var checks = new List<(string Target, bool Pass, string Evidence)>();
            var idisposable = results.Select(r => (r, Peer: r.Sets.FirstOrDefault(s => s.Set.Name == AnalyzerSets.IDisposableAnalyzers))).Where(p => p.Peer is not null).ToList();
            if (idisposable.Count > 0)
            {
                checks.Add((
                    "The whole rule set costs less than IDisposableAnalyzers on the same compilation",
                    idisposable.All(p => Ours(p.r).TotalCpu < p.Peer!.TotalCpu),
                    string.Join("; ", idisposable.Select(p => $"{p.r.Corpus.Name}: {Ms(Ours(p.r).TotalCpu)} vs {Ms(p.Peer!.TotalCpu)} ({Ratio(Ours(p.r).TotalCpu, p.Peer!.TotalCpu)})"))));
            }

            checks.Add((
                $"At most {CompilerShareTarget:P0} of the compiler's own time",
                results.All(r => Ours(r).TotalCpu.Ticks <= CompilerShareTarget * r.Compiler.Total.Ticks),
                string.Join("; ", results.Select(r => $"{r.Corpus.Name}: {Percent(Ours(r).TotalCpu, r.Compiler.Total)}"))));

            if (steps.Count > 0)
            {
                checks.Add((
                    "Linear growth: 4x the lines costs at most 4.5x the time",
                    steps.All(s => Factor(Ours(s.To).TotalCpu, Ours(s.From).TotalCpu) <= GrowthTarget * s.To.Corpus.Lines / s.From.Corpus.Lines),
                    string.Join("; ", steps.Select(s => $"{s.From.Corpus.Lines:N0} → {s.To.Corpus.Lines:N0}: {(double)s.To.Corpus.Lines / s.From.Corpus.Lines:F2}x lines, "
                        + $"{Factor(Ours(s.To).TotalCpu, Ours(s.From).TotalCpu):F2}x time (allowed {GrowthTarget * s.To.Corpus.Lines / s.From.Corpus.Lines:F2}x)"))));
            }

            _out.WriteLine();
            _out.WriteLine("## Targets");
            _out.WriteLine();
            if (_options.Quick)
            {
                _out.WriteLine("A --quick run smoke-tests the harness: at these sizes fixed costs dominate, so the shares and the growth say nothing about the targets.");
                _out.WriteLine();
            }

            foreach (var (target, pass, evidence) in checks)
            {
                _out.WriteLine($"- **{(pass ? "PASS" : "FAIL")}** {target}: {evidence}");
            }

            var failed = checks.Count(c => !c.Pass);
            _out.WriteLine();
            _out.WriteLine($"Targets met: {checks.Count - failed} of {checks.Count}.");
            return failed;
        }

        /// <summary>
        /// With a baseline build, the ratio of each round: the two ran one after the other, so a drift in the machine's
        /// speed, or a collection of the larger heap, is less likely to fall on one build's whole median than on one round.
        /// </summary>
        private void SideBySide(IReadOnlyList<CorpusResult> results)
        {
            foreach (var result in results)
            {
                if (result.Sets.FirstOrDefault(s => s.Set.Name == AnalyzerSets.Baseline) is not { } baseline)
                {
                    continue;
                }

                var rounds = Ours(result).RunTotals.Zip(baseline.RunTotals, Factor).ToList();
                if (rounds.Count == 0)
                {
                    continue;
                }

                _out.WriteLine();
                _out.WriteLine($"{result.Corpus.Name}, round by round, ours / baseline: {RoundByRound(rounds)}");
            }
        }

        /// <summary>Our rules alone (<c>--alone</c>): each build's rounds, and ours against the baseline's round by round.</summary>
        public void Alone(AloneResult result)
        {
            _out.WriteLine();
            var evicting = _options.EvictMegabytes > 0 ? $", {_options.EvictMegabytes} MB of memory written before each type" : "";
            _out.WriteLine($"## {result.Corpus.Name}: our rules alone, on {result.Bodies:N0} bodies bound once{evicting}");
            _out.WriteLine();
            _out.WriteLine("| build | median CPU | fastest | slowest | diagnostics |");
            _out.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var set in result.Sets)
            {
                _out.WriteLine($"| {set.Set.Name} | {Ms(Harness.Median(set.Rounds), precise: true)} | {Ms(set.Rounds.Min(), precise: true)} | {Ms(set.Rounds.Max(), precise: true)} | {set.Diagnostics:N0} |");
                // Shared work is paid by whichever analyzer needs it first, as in a driver's run.
                foreach (var (analyzer, time) in set.Set.Analyzers.Zip(set.PerAnalyzer).OrderByDescending(a => a.Second))
                {
                    _out.WriteLine($"| &nbsp;&nbsp;{AnalyzerSet.NameOf(analyzer)} | {Ms(time, precise: true)} | | | |");
                }
            }

            if (result.Sets.Count == 2)
            {
                _out.WriteLine();
                _out.WriteLine($"Round by round, ours / baseline: {RoundByRound(result.Sets[0].Rounds.Zip(result.Sets[1].Rounds, Factor).ToList())}");
            }
        }

        private static string LineOf(Microsoft.CodeAnalysis.Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree is not { } tree)
            {
                return "";
            }

            var text = tree.GetText();
            return text.Lines[text.Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).LineNumber].ToString();
        }

        private static SetResult Ours(CorpusResult result) => result.Sets.First(s => s.Set.Name == AnalyzerSets.Ours);

        private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MB";

        private static string Ms(TimeSpan time, bool precise = false) =>
            precise && time.TotalMilliseconds < 100
                ? time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms"
                : time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

        private static string Percent(TimeSpan part, TimeSpan whole) =>
            whole.Ticks == 0 ? "n/a" : (100.0 * part.Ticks / whole.Ticks).ToString("F1", CultureInfo.InvariantCulture) + "%";

        private static string Ratio(TimeSpan a, TimeSpan b) =>
            b.Ticks == 0 ? "n/a" : ((double)a.Ticks / b.Ticks).ToString("F2", CultureInfo.InvariantCulture) + "x";

        /// <summary>Each round's ratio, then their median: <c>0.97x, 1.02x; median 0.99x.</c></summary>
        private static string RoundByRound(List<double> rounds) =>
            string.Join(", ", rounds.Select(r => r.ToString("F2", CultureInfo.InvariantCulture) + "x"))
            + $"; median {Harness.Median(rounds).ToString("F2", CultureInfo.InvariantCulture)}x.";

        private static double Factor(TimeSpan a, TimeSpan b) => b.Ticks == 0 ? double.NaN : (double)a.Ticks / b.Ticks;
    }
}
