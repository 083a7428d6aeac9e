using System;
using System.IO;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>Paths inside the repository the tests run from, found by walking up from the test binaries.</summary>
    internal static class Repository
    {
        private const string SolutionFile = "LifetimeAnalyzers.sln";

        private static readonly Lazy<string> s_root = new(FindRoot);

        /// <summary>The folder that holds <c>LifetimeAnalyzers.sln</c>.</summary>
        public static string Root => s_root.Value;

        /// <summary>A path below the repository root, given with forward slashes.</summary>
        public static string PathOf(string relativePath) =>
            Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
        }
    }
}
