using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>A plain folder of C# files, compiled ad hoc: the samples, their diagnostics and the exit codes.</summary>
    public sealed class FolderTests
    {
        private const string Buggy = "samples/Drivers.Buggy";
        private const string Fixed = "samples/Drivers.Fixed";

        [Fact]
        public async Task Buggy_folder_reports_each_marked_line_in_compiler_format_and_exits_1()
        {
            var run = await CliRun.BuggySampleAsync();

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            var expected = SampleMarkers.Of(Repository.PathOf(Buggy), Buggy + "/");
            Assert.NotEmpty(expected);
            Assert.True(expected.SetEquals(run.DiagnosticKeys), "Reported lines differ from the sample's markers.\n" + run.Describe());
            Assert.All(run.Diagnostics, m => Assert.Equal("warning", m.Groups["severity"].Value));
            Assert.Empty(run.Stderr);
        }

        [Fact]
        public async Task Every_stdout_line_before_the_summary_is_a_diagnostic_with_a_path_relative_to_the_working_directory()
        {
            var run = await CliRun.BuggySampleAsync();

            var beforeSummary = run.StdoutLines.TakeWhile(l => !l.StartsWith("Rule ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(beforeSummary);
            Assert.All(beforeSummary, line => Assert.Matches(CliRun.DiagnosticLine, line));
            Assert.All(run.Diagnostics, m =>
            {
                var path = m.Groups["path"].Value;
                Assert.False(Path.IsPathRooted(path), path);
                Assert.StartsWith(Buggy + "/", path.Replace('\\', '/'), StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Repository.Root, path)), path);
            });
        }

        [Fact]
        public async Task Summary_lists_each_rule_with_its_title_and_count()
        {
            var run = await CliRun.BuggySampleAsync();

            var counts = run.Diagnostics.GroupBy(m => m.Groups["id"].Value).ToDictionary(g => g.Key, g => g.Count());
            var table = run.StdoutLines.SkipWhile(l => !l.StartsWith("Rule ", StringComparison.Ordinal)).ToList();
            Assert.True(table.Count > 2, run.Describe());
            Assert.Contains("Title", table[0], StringComparison.Ordinal);
            Assert.Contains("Count", table[0], StringComparison.Ordinal);
            Assert.Contains(table, row => row.StartsWith("LIFE001", StringComparison.Ordinal) && row.Contains("Use after release", StringComparison.Ordinal));
            foreach (var (id, count) in counts)
            {
                var row = Assert.Single(table, r => r.StartsWith(id + " ", StringComparison.Ordinal));
                Assert.EndsWith(" " + count, row, StringComparison.Ordinal);
            }

            Assert.Contains(table, l => l.StartsWith($"{run.Diagnostics.Length} diagnostics", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Fixed_folder_reports_nothing_and_exits_0()
        {
            var run = await CliRun.InRepositoryAsync(Fixed);

            Assert.True(run.ExitCode == ExitCodes.Clean, run.Describe());
            Assert.Empty(run.Diagnostics);
            Assert.Contains(run.StdoutLines, l => l.StartsWith("No diagnostics", StringComparison.Ordinal));
            Assert.Empty(run.Stderr);
        }

        [Theory]
        [InlineData("warning", ExitCodes.DiagnosticsFound)]
        [InlineData("note", ExitCodes.DiagnosticsFound)]
        [InlineData("info", ExitCodes.DiagnosticsFound)]
        [InlineData("error", ExitCodes.Clean)]
        [InlineData("none", ExitCodes.Clean)]
        public async Task Fail_on_sets_the_least_severity_that_fails_the_run(string level, int exitCode)
        {
            var run = await CliRun.InRepositoryAsync(Buggy, "--fail-on", level);

            Assert.True(run.ExitCode == exitCode, run.Describe());
            Assert.NotEmpty(run.Diagnostics);
        }

        [Fact]
        public async Task A_single_file_is_analysed_on_its_own()
        {
            var file = Directory.EnumerateFiles(Repository.PathOf(Buggy), "Vimc.cs").Single();
            var run = await CliRun.InRepositoryAsync(file);

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            var expected = SampleMarkers.Of(Repository.PathOf(Buggy), Buggy + "/").Where(k => k.StartsWith(Buggy + "/Vimc.cs:", StringComparison.Ordinal));
            Assert.NotEmpty(expected);
            Assert.True(run.DiagnosticKeys.SetEquals(expected), run.Describe());
        }

        [Fact]
        public async Task Analysing_a_folder_edits_nothing()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            var before = TempFolder.SourceFiles(copy.Path).ToDictionary(p => p, File.ReadAllBytes);

            var run = await CliRun.InAsync(copy.Path, ".");

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            Assert.Equal(before.Keys, Directory.EnumerateFiles(copy.Path, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal));
            Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
        }
    }
}
