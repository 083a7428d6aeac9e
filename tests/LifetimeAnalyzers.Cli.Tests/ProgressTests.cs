using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>Progress goes to stderr for a terminal only; the results on stdout are the same either way.</summary>
    public sealed class ProgressTests
    {
        private const string Buggy = "samples/Drivers.Buggy";

        [Fact]
        public async Task Progress_reports_documents_analysed_on_stderr_and_clears_its_line()
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exitCode = await Program.RunAsync(new[] { Buggy }, stdout, stderr, Repository.Root, showProgress: true);
            var quiet = await CliRun.BuggySampleAsync();

            Assert.Equal(ExitCodes.DiagnosticsFound, exitCode);
            var progress = stderr.ToString();
            Assert.Contains("documents analysed", progress, StringComparison.Ordinal);
            Assert.StartsWith("\r", progress, StringComparison.Ordinal);
            Assert.EndsWith("\r\u001b[K", progress, StringComparison.Ordinal);
            Assert.Equal(quiet.Stdout, stdout.ToString());
        }

        [Fact]
        public async Task Without_progress_stderr_stays_empty()
        {
            var run = await CliRun.BuggySampleAsync();

            Assert.Equal(ExitCodes.DiagnosticsFound, run.ExitCode);
            Assert.Empty(run.Stderr);
        }
    }
}
