using System;
using System.IO;
using LifetimeAnalyzers.Cli.Output;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>The path to analyse, made absolute and classified.</summary>
    internal sealed record InputPath(string FullPath, InputKind Kind, string Display)
    {
        /// <exception cref="CliException">The path does not exist or names nothing the runner can analyse.</exception>
        public static InputPath Resolve(string path, string workingDirectory)
        {
            string full;
            try
            {
                full = Path.GetFullPath(path, workingDirectory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new CliException($"'{path}' is not a valid path: {e.Message}", e);
            }

            var display = DisplayPath.For(full, workingDirectory);
            if (Directory.Exists(full))
            {
                return new InputPath(Path.TrimEndingDirectorySeparator(full), InputKind.Folder, display);
            }

            if (!File.Exists(full))
            {
                throw new CliException($"'{path}' does not exist.");
            }

            var kind = Path.GetExtension(full).ToLowerInvariant() switch
            {
                ".sln" or ".slnx" => InputKind.Solution,
                ".csproj" => InputKind.Project,
                ".cs" => InputKind.File,
                _ => throw new CliException(
                    $"'{path}' is not a solution (.sln, .slnx), a C# project (.csproj), a folder or a C# file (.cs)."),
            };
            return new InputPath(full, kind, display);
        }
    }
}
