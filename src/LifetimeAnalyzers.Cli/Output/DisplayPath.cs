using System;
using System.IO;

namespace LifetimeAnalyzers.Cli.Output
{
    /// <summary>Paths as the runner prints them: relative to the working directory when under it, as the compiler does.</summary>
    internal static class DisplayPath
    {
        /// <summary>The path relative to <paramref name="workingDirectory"/> when under it; otherwise the full path.</summary>
        public static string For(string path, string workingDirectory)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(workingDirectory, full);
            return IsUnder(relative) ? relative : full;
        }

        /// <summary>The path relative to <paramref name="workingDirectory"/> with forward slashes, or null when not under it.</summary>
        public static string? RelativeUnder(string path, string workingDirectory)
        {
            var relative = Path.GetRelativePath(workingDirectory, Path.GetFullPath(path));
            return IsUnder(relative) ? relative.Replace(Path.DirectorySeparatorChar, '/') : null;
        }

        private static bool IsUnder(string relative) =>
            relative != "." &&
            !Path.IsPathRooted(relative) &&
            !relative.Equals("..", StringComparison.Ordinal) &&
            !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
            !relative.StartsWith("../", StringComparison.Ordinal);
    }
}
