using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Cli.Output;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>
    /// Opens a solution or a C# project through MSBuildWorkspace: the same sources, references, defines, language
    /// version and <c>.editorconfig</c> files as a build of it, without building it. Call
    /// <see cref="MSBuildRegistration.EnsureRegistered"/> first, from a different method.
    /// </summary>
    internal static class MSBuildLoader
    {
        public static async Task<LoadedInput> LoadAsync(InputPath input, ProgressReporter progress, CancellationToken cancellationToken)
        {
            var workspace = MSBuildWorkspace.Create();
            try
            {
                var failures = new List<string>();
                using var failureHandler = workspace.RegisterWorkspaceFailedHandler(e =>
                {
                    if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                    {
                        lock (failures)
                        {
                            failures.Add(e.Diagnostic.Message);
                        }
                    }
                });

                var loadProgress = new LoadProgress(progress);
                Solution solution;
                ImmutableArray<ProjectId> projects;
                try
                {
                    if (input.Kind == InputKind.Solution)
                    {
                        progress.Report($"Loading {input.Display}", force: true);
                        solution = await workspace.OpenSolutionAsync(input.FullPath, loadProgress, cancellationToken).ConfigureAwait(false);
                        projects = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).Select(p => p.Id).ToImmutableArray();
                    }
                    else
                    {
                        progress.Report($"Loading {input.Display}", force: true);
                        var project = await workspace.OpenProjectAsync(input.FullPath, loadProgress, cancellationToken).ConfigureAwait(false);
                        solution = project.Solution;

                        // Only the project named, not the projects it references; every target framework of it.
                        projects = solution.Projects
                            .Where(p => p.Language == LanguageNames.CSharp && SamePath(p.FilePath, input.FullPath))
                            .Select(p => p.Id)
                            .ToImmutableArray();
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    throw new CliException($"cannot load '{input.Display}': {OneLine(e.Message)}", e);
                }

                lock (failures)
                {
                    if (failures.Count > 0)
                    {
                        throw new CliException($"cannot load '{input.Display}': {OneLine(failures[0])}");
                    }
                }

                if (projects.IsEmpty)
                {
                    throw new CliException($"'{input.Display}' holds no C# project.");
                }

                return new LoadedInput(workspace, solution, projects);
            }
            catch
            {
                workspace.Dispose();
                throw;
            }
        }

        private static bool SamePath(string? a, string b) =>
            a is not null && string.Equals(Path.GetFullPath(a), b, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        private static string OneLine(string message) =>
            string.Join(" ", message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

        /// <summary>Shows each project as MSBuild finishes with it.</summary>
        private sealed class LoadProgress : IProgress<ProjectLoadProgress>
        {
            private readonly ProgressReporter _progress;
            private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

            public LoadProgress(ProgressReporter progress)
            {
                _progress = progress;
            }

            public void Report(ProjectLoadProgress value)
            {
                if (value.Operation != ProjectLoadOperation.Resolve)
                {
                    return;
                }

                int count;
                lock (_loaded)
                {
                    _loaded.Add(value.FilePath + "|" + value.TargetFramework);
                    count = _loaded.Count;
                }

                var framework = value.TargetFramework is { Length: > 0 } tfm ? $" ({tfm})" : "";
                _progress.Report($"Loaded {count} project{(count == 1 ? "" : "s")}: {Path.GetFileNameWithoutExtension(value.FilePath)}{framework}", force: true);
            }
        }
    }
}
