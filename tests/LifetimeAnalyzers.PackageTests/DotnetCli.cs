using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace LifetimeAnalyzers.PackageTests
{
    /// <summary>Runs the dotnet CLI as a child process, with a timeout, and captures everything it prints.</summary>
    internal static class DotnetCli
    {
        /// <summary>
        /// Variables a parent <c>dotnet test</c> (or a CI machine) sets that must not leak into a consumer's build:
        /// MSBuild reads every environment variable as a property, so <c>TreatWarningsAsErrors=true</c> would turn the
        /// consumer's LIFE001 warning into an error, and <c>NUGET_PACKAGES</c> would move its package folder.
        /// </summary>
        private static readonly string[] s_ciSettings =
        {
            "CI", "ContinuousIntegrationBuild", "TreatWarningsAsErrors", "WarningsAsErrors", "WarningsNotAsErrors",
            "MSBuildTreatWarningsAsErrors", "MSBuildWarningsAsErrors", "NoWarn", "Configuration", "Platform",
            "NUGET_PACKAGES", "RestorePackagesPath", "NUGET_FALLBACK_PACKAGES", "RestoreSources", "RestoreConfigFile",
        };

        /// <summary>The dotnet host the tests run under (set by the CLI), so the child uses the same SDK.</summary>
        private static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

        /// <param name="workingDirectory">Where the command runs (and where the SDK looks for global.json).</param>
        /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
        /// <param name="timeout">How long the command may take before it is killed.</param>
        /// <param name="isolateFromCi">Drop CI and warnings-as-errors settings inherited from this process.</param>
        internal static CliResult Run(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, bool isolateFromCi)
        {
            var start = new ProcessStartInfo(Host)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var environment = start.Environment;
            // The test host runs inside an MSBuild-launched process; its MSBuild* variables point the child at that
            // build's SDK and settings. The child finds its own.
            foreach (var name in environment.Keys.Where(IsInheritedMSBuildSetting).ToList())
            {
                environment.Remove(name);
            }

            if (isolateFromCi)
            {
                foreach (var name in environment.Keys.Where(key => s_ciSettings.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList())
                {
                    environment.Remove(name);
                }
            }

            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            // No build servers or reusable nodes: nothing outlives the command and holds its output open.
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["UseSharedCompilation"] = "false";

            var output = new StringBuilder();
            var stdoutClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopwatch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data, stdoutClosed);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data, stderrClosed);
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var exited = process.WaitForExit((int)timeout.TotalMilliseconds);
            if (!exited)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill.
                }

                process.WaitForExit(10_000);
            }

            // A grandchild that inherited the pipes could keep them open; do not wait for it forever.
            Task.WaitAll(new Task[] { stdoutClosed.Task, stderrClosed.Task }, TimeSpan.FromSeconds(30));
            stopwatch.Stop();

            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var commandLine = "dotnet " + string.Join(" ", arguments.Select(Quote));
            return new CliResult(commandLine, workingDirectory, exited ? process.ExitCode : (int?)null, text, stopwatch.Elapsed, timeout);
        }

        private static bool IsInheritedMSBuildSetting(string name) =>
            name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase);

        private static void Append(StringBuilder output, string? line, TaskCompletionSource closed)
        {
            if (line == null)
            {
                closed.TrySetResult();
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string Quote(string argument) => argument.Contains(' ') ? "\"" + argument + "\"" : argument;
    }

    /// <summary>What a dotnet command did: its exit code (null when it timed out) and all it printed.</summary>
    internal sealed record CliResult(string CommandLine, string WorkingDirectory, int? ExitCode, string Output, TimeSpan Elapsed, TimeSpan Timeout)
    {
        internal bool Succeeded => ExitCode == 0;

        /// <summary>The command and its output, for an assertion message.</summary>
        internal string Describe(string problem)
        {
            var outcome = ExitCode is int code
                ? $"exit code {code} after {Elapsed.TotalSeconds:0.0}s"
                : $"killed after the {Timeout.TotalSeconds:0}s timeout";
            return $"{problem}{Environment.NewLine}" +
                   $"Command: {CommandLine}{Environment.NewLine}" +
                   $"In: {WorkingDirectory}{Environment.NewLine}" +
                   $"Result: {outcome}{Environment.NewLine}" +
                   $"Output:{Environment.NewLine}{Shorten(Output)}";
        }

        /// <summary>The output with overlong lines (the compiler's command line lists every reference) cut short.</summary>
        private static string Shorten(string output)
        {
            const int MaxLine = 600;
            var lines = output.Split('\n').Select(line => line.TrimEnd('\r'));
            return string.Join(
                Environment.NewLine,
                lines.Select(line => line.Length <= MaxLine ? line : line.Substring(0, MaxLine) + $" ... ({line.Length - MaxLine} more characters)"));
        }
    }
}
