using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>The built tool run as a process, the way CI runs it: output redirected, so no progress.</summary>
    public sealed class ProcessTests
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

        [Fact]
        public async Task Built_tool_prints_the_diagnostics_writes_sarif_and_exits_1()
        {
            using var folder = new TempFolder();
            var sarif = Path.Combine(folder.Path, "lifetime.sarif");
            var inProcess = await CliRun.BuggySampleAsync();

            var (exitCode, stdout, stderr) = await RunToolAsync(Repository.Root, "samples/Drivers.Buggy", "--sarif", sarif);

            var describe = $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}";
            Assert.True(exitCode == ExitCodes.DiagnosticsFound, describe);
            Assert.True(stderr.Length == 0, describe);
            Assert.Equal(inProcess.Stdout.ReplaceLineEndings(), stdout.ReplaceLineEndings());
            Assert.True(File.Exists(sarif), describe);
        }

        [Fact]
        public async Task Built_tool_exits_2_with_one_line_for_a_missing_path()
        {
            var (exitCode, stdout, stderr) = await RunToolAsync(Repository.Root, "samples/Does.Not.Exist");

            Assert.Equal(ExitCodes.BadInput, exitCode);
            Assert.Equal("", stdout);
            Assert.Equal("error: 'samples/Does.Not.Exist' does not exist.", stderr.TrimEnd());
        }

        private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToolAsync(string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(DotnetHost)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ToolAssembly());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(s_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The tool did not finish within {s_timeout.TotalSeconds:0}s.");
            }

            return (process.ExitCode, await stdout, await stderr);
        }

        /// <summary>The dotnet host the tests run under, so the tool runs on the same installation.</summary>
        private static string DotnetHost =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        /// <summary>The tool's own build output (with its runtimeconfig), built with these tests.</summary>
        private static string ToolAssembly()
        {
            var folder = typeof(ProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "CliOutputFolder").Value!;
            var path = Path.Combine(Repository.PathOf(folder), "LifetimeAnalyzers.Cli.dll");
            Assert.True(File.Exists(path), $"The tool is not built at {path}.");
            return path;
        }
    }
}
