using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>One run of the command, in-process, with what it printed.</summary>
    internal sealed record CliRun(string[] Arguments, int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The compiler's diagnostic format: <c>path(line,col): warning LIFE001: message</c>.</summary>
        public static readonly Regex DiagnosticLine = new(
            @"^(?<path>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning|info) (?<id>LIFE\d{3}): (?<message>\S.*)$",
            RegexOptions.CultureInvariant);

        /// <summary>Runs the command as if started in <paramref name="workingDirectory"/>, with progress off.</summary>
        public static async Task<CliRun> InAsync(string workingDirectory, params string[] arguments)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exitCode = await Program.RunAsync(arguments, stdout, stderr, workingDirectory, showProgress: false);
            return new CliRun(arguments, exitCode, stdout.ToString(), stderr.ToString());
        }

        private static readonly Lazy<Task<CliRun>> s_buggySample = new(() => InRepositoryAsync("samples/Drivers.Buggy"));

        /// <summary>Runs the command from the repository root.</summary>
        public static Task<CliRun> InRepositoryAsync(params string[] arguments) => InAsync(Repository.Root, arguments);

        /// <summary>
        /// <c>lifetime-analyzers samples/Drivers.Buggy</c> from the repository root, run once for every test that only
        /// reads its result.
        /// </summary>
        public static Task<CliRun> BuggySampleAsync() => s_buggySample.Value;

        public ImmutableArray<string> StdoutLines => Lines(Stdout);

        public ImmutableArray<string> StderrLines => Lines(Stderr);

        /// <summary>The stdout lines that are diagnostics.</summary>
        public ImmutableArray<Match> Diagnostics => StdoutLines.Select(l => DiagnosticLine.Match(l)).Where(m => m.Success).ToImmutableArray();

        /// <summary>The diagnostics as <c>path:line: id</c>, paths with forward slashes.</summary>
        public ImmutableSortedSet<string> DiagnosticKeys => Diagnostics
            .Select(m => $"{m.Groups["path"].Value.Replace('\\', '/')}:{m.Groups["line"].Value}: {m.Groups["id"].Value}")
            .ToImmutableSortedSet(StringComparer.Ordinal);

        /// <summary>The command, its exit code and its output, for an assertion message.</summary>
        public string Describe() =>
            $"lifetime-analyzers {string.Join(" ", Arguments)}{Environment.NewLine}" +
            $"exit code {ExitCode}{Environment.NewLine}" +
            $"stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}" +
            $"stderr:{Environment.NewLine}{Stderr}";

        private static ImmutableArray<string> Lines(string text) =>
            text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None).Where(l => l.Length > 0).ToImmutableArray();
    }

    /// <summary>The <c>// LIFE00N</c> markers of a sample: the lines where that rule must report.</summary>
    internal static class SampleMarkers
    {
        private static readonly Regex s_marker = new(@"^\s*\S.*?//\s*(?<id>LIFE\d{3})\b", RegexOptions.CultureInvariant);

        /// <summary>The marked lines below <paramref name="folder"/> as <c>prefix/File.cs:line: id</c>.</summary>
        public static ImmutableSortedSet<string> Of(string folder, string prefix) =>
            TempFolder.SourceFiles(folder)
                .SelectMany(path => File.ReadLines(path).Select((text, index) => (path, line: index + 1, match: s_marker.Match(text))))
                .Where(l => l.match.Success)
                .Select(l => $"{prefix}{Path.GetRelativePath(folder, l.path).Replace('\\', '/')}:{l.line}: {l.match.Groups["id"].Value}")
                .ToImmutableSortedSet(StringComparer.Ordinal);
    }
}
