using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>A folder of its own under the system's temporary folder, deleted on dispose.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lifetime-cli-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>A copy of the C# sources of a repository folder (no build output, no project file).</summary>
        public static TempFolder WithSourcesOf(string repositoryFolder)
        {
            var folder = new TempFolder();
            var source = Repository.PathOf(repositoryFolder);
            foreach (var file in SourceFiles(source))
            {
                var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(source, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return folder;
        }

        /// <summary>The C# files below <paramref name="folder"/>, outside bin and obj, in a stable order.</summary>
        public static IReadOnlyList<string> SourceFiles(string folder) =>
            Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !System.IO.Path.GetRelativePath(folder, path)
                    .Split(System.IO.Path.DirectorySeparatorChar)
                    .Any(part => part is "bin" or "obj"))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();

        /// <summary>Writes <paramref name="text"/> to a file below the folder and returns its full path.</summary>
        public string Write(string relativePath, string text)
        {
            var path = System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ReplaceLineEndings("\n"));
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system to clean; a test must not fail on it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
