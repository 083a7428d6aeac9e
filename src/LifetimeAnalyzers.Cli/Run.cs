using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Cli.Analysis;
using LifetimeAnalyzers.Cli.Fixing;
using LifetimeAnalyzers.Cli.Loading;
using LifetimeAnalyzers.Cli.Output;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>One run of the command: load, analyse, fix when asked, report.</summary>
    internal sealed class Run
    {
        private readonly CliOptions _options;
        private readonly TextWriter _stdout;
        private readonly TextWriter _stderr;
        private readonly string _workingDirectory;
        private readonly ProgressReporter _progress;

        public Run(CliOptions options, TextWriter stdout, TextWriter stderr, string workingDirectory, ProgressReporter progress)
        {
            _options = options;
            _stdout = stdout;
            _stderr = stderr;
            _workingDirectory = workingDirectory;
            _progress = progress;
        }

        public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            var input = InputPath.Resolve(_options.Path!, _workingDirectory);
            var sarifPath = _options.SarifPath is { } sarif ? Path.GetFullPath(sarif, _workingDirectory) : null;
            if (sarifPath is not null && Directory.Exists(sarifPath))
            {
                throw new CliException($"cannot write the SARIF log '{_options.SarifPath}': it is a folder.");
            }

            var catalog = RuleCatalog.Load().Select(_options.Rules);

            using var loaded = await LoadAsync(input, cancellationToken).ConfigureAwait(false);
            var analysis = new DiagnosticRunner(catalog, _progress);
            var result = await analysis.AnalyzeAsync(loaded.Solution, loaded.Projects, cancellationToken).ConfigureAwait(false);

            IReadOnlyList<FixedFile>? fixedFiles = null;
            if (_options.Fix)
            {
                var before = Finding.FromAll(result.Diagnostics);
                var fixedSolution = await new FixRunner(catalog, analysis, _progress)
                    .FixAsync(loaded.Solution, result.Diagnostics, cancellationToken)
                    .ConfigureAwait(false);
                var (written, solution) = await ChangedFiles.WriteAsync(loaded.Solution, fixedSolution, cancellationToken).ConfigureAwait(false);
                if (written.Count > 0)
                {
                    result = await analysis.AnalyzeAsync(solution, loaded.Projects, cancellationToken).ConfigureAwait(false);
                }

                var after = Finding.FromAll(result.Diagnostics);
                fixedFiles = written.Select(path => new FixedFile(path, Math.Max(0, CountIn(before, path) - CountIn(after, path)))).ToList();
            }

            var findings = Finding.FromAll(result.Diagnostics);
            _progress.Clear();

            foreach (var failure in analysis.AnalyzerFailures)
            {
                _stderr.WriteLine("warning: an analyzer failed: " + failure);
            }

            if (fixedFiles is not null)
            {
                ConsoleReport.WriteFixes(_stdout, fixedFiles, _workingDirectory);
            }

            ConsoleReport.WriteDiagnostics(_stdout, findings, _workingDirectory);
            ConsoleReport.WriteSummary(_stdout, catalog, findings, result);
            if (sarifPath is not null)
            {
                SarifLog.Write(sarifPath, catalog, findings, _workingDirectory);
            }

            return findings.Any(f => _options.FailOn.Fails(f.Severity)) ? ExitCodes.DiagnosticsFound : ExitCodes.Clean;
        }

        private async Task<LoadedInput> LoadAsync(InputPath input, CancellationToken cancellationToken)
        {
            switch (input.Kind)
            {
                case InputKind.Folder:
                case InputKind.File:
                    _progress.Report($"Reading {input.Display}", force: true);
                    return FolderLoader.Load(input);
                default:
                    MSBuildRegistration.EnsureRegistered(Path.GetDirectoryName(input.FullPath)!);
                    return await LoadWithMSBuildAsync(input, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Kept out of <see cref="LoadAsync"/> so that no MSBuild type is loaded before the SDK's MSBuild is registered.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Task<LoadedInput> LoadWithMSBuildAsync(InputPath input, CancellationToken cancellationToken) =>
            MSBuildLoader.LoadAsync(input, _progress, cancellationToken);

        private static int CountIn(ImmutableArray<Finding> findings, string path) =>
            findings.Count(f => string.Equals(f.Location?.Path, path, StringComparison.Ordinal));
    }
}
