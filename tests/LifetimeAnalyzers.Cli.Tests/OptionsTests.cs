using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>Choosing rules with --rules, and the command line's own errors.</summary>
    public sealed class OptionsTests
    {
        private const string Buggy = "samples/Drivers.Buggy";

        [Fact]
        public async Task Rules_keeps_only_the_rules_named()
        {
            var all = await CliRun.BuggySampleAsync();
            var found = all.Diagnostics.Select(m => m.Groups["id"].Value).Distinct().ToList();
            Assert.Contains("LIFE001", found);

            foreach (var id in found)
            {
                var run = await CliRun.InRepositoryAsync(Buggy, "--rules", id);

                Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
                Assert.All(run.Diagnostics, m => Assert.Equal(id, m.Groups["id"].Value));
                Assert.Equal(all.Diagnostics.Count(m => m.Groups["id"].Value == id), run.Diagnostics.Length);

                // The summary lists the selected rules only.
                var rows = run.StdoutLines.Where(l => l.StartsWith("LIFE", StringComparison.Ordinal) && !CliRun.DiagnosticLine.IsMatch(l)).ToList();
                Assert.Equal(id, Assert.Single(rows).Split(' ')[0]);
            }
        }

        [Fact]
        public async Task Rules_takes_several_ids_in_any_case()
        {
            var all = await CliRun.BuggySampleAsync();
            var run = await CliRun.InRepositoryAsync(Buggy, "--rules=life001,LIFE002");

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            var expected = all.DiagnosticKeys.Where(k => k.EndsWith(": LIFE001", StringComparison.Ordinal) || k.EndsWith(": LIFE002", StringComparison.Ordinal));
            Assert.True(run.DiagnosticKeys.SetEquals(expected), run.Describe());
        }

        [Fact]
        public async Task Rules_that_do_not_exist_are_bad_input()
        {
            var run = await CliRun.InRepositoryAsync(Buggy, "--rules", "LIFE001,LIFE999");

            AssertBadInput(run, "LIFE999");
        }

        [Theory]
        [InlineData("--no-such-option")]
        [InlineData("--fail-on", "sometimes")]
        [InlineData("--sarif")]
        [InlineData("--rules")]
        public async Task Malformed_command_lines_are_bad_input(params string[] options)
        {
            var run = await CliRun.InRepositoryAsync(new[] { Buggy }.Concat(options).ToArray());

            AssertBadInput(run, null);
        }

        [Fact]
        public async Task No_path_is_bad_input()
        {
            var run = await CliRun.InRepositoryAsync();

            AssertBadInput(run, "no path");
        }

        [Fact]
        public async Task Help_and_version_exit_0()
        {
            var help = await CliRun.InRepositoryAsync("--help");
            var version = await CliRun.InRepositoryAsync("--version");

            Assert.Equal(ExitCodes.Clean, help.ExitCode);
            Assert.Contains("--fail-on", help.Stdout, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Clean, version.ExitCode);
            Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
        }

        /// <summary>Exit code 2, one line on stderr that starts with "error:", no stack trace, nothing on stdout.</summary>
        internal static void AssertBadInput(CliRun run, string? mentions)
        {
            Assert.True(run.ExitCode == ExitCodes.BadInput, run.Describe());
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
            Assert.Empty(run.Stdout);
            if (mentions is not null)
            {
                Assert.Contains(mentions, line, StringComparison.Ordinal);
            }
        }
    }
}
