using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>--fix on a copy of the buggy sample: files change, and a second run finds fewer diagnostics.</summary>
    public sealed class FixTests
    {
        private const string Buggy = "samples/Drivers.Buggy";

        [Fact]
        public async Task Fix_rewrites_the_files_it_reports_and_leaves_fewer_diagnostics()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            var original = TempFolder.SourceFiles(copy.Path).ToDictionary(p => p, File.ReadAllText);
            var before = await CliRun.InAsync(copy.Path, ".");

            var fix = await CliRun.InAsync(copy.Path, ".", "--fix");

            Assert.True(fix.ExitCode is ExitCodes.Clean or ExitCodes.DiagnosticsFound, fix.Describe());
            Assert.Empty(fix.Stderr);
            var header = Assert.Single(fix.StdoutLines, l => l.StartsWith("Fixed ", StringComparison.Ordinal));
            var reported = fix.StdoutLines
                .SkipWhile(l => l != header)
                .Skip(1)
                .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
                .Select(l => l.Trim())
                .ToList();
            Assert.NotEmpty(reported);

            var changed = original.Where(pair => File.ReadAllText(pair.Key) != pair.Value).Select(pair => Path.GetFileName(pair.Key)).ToList();
            Assert.NotEmpty(changed);
            Assert.Equal(changed.OrderBy(n => n, StringComparer.Ordinal), reported.Select(r => r.Split(':')[0]).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(reported, r => Assert.Matches(@": \d+ fixed$", r));

            var after = await CliRun.InAsync(copy.Path, ".");
            Assert.True(after.Diagnostics.Length < before.Diagnostics.Length, before.Describe() + after.Describe());

            // What --fix printed after fixing is what a fresh run finds.
            Assert.True(after.DiagnosticKeys.SetEquals(fix.DiagnosticKeys), fix.Describe() + after.Describe());
        }

        [Fact]
        public async Task Fix_applies_only_the_fixes_of_the_selected_rules()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            var before = await CliRun.InAsync(copy.Path, ".");

            var fix = await CliRun.InAsync(copy.Path, ".", "--fix", "--rules", "LIFE001");
            var after = await CliRun.InAsync(copy.Path, ".");

            Assert.True(fix.ExitCode is ExitCodes.Clean or ExitCodes.DiagnosticsFound, fix.Describe());
            Assert.All(fix.Diagnostics, m => Assert.Equal("LIFE001", m.Groups["id"].Value));

            // Diagnostics of the other rules are all still there: their fixes did not run.
            Assert.Equal(OtherRules(before), OtherRules(after));
        }

        private static string[] OtherRules(CliRun run) => run.Diagnostics
            .Where(m => m.Groups["id"].Value != "LIFE001")
            .Select(m => m.Groups["path"].Value + " " + m.Groups["id"].Value)
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();
    }
}
