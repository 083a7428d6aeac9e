using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>One C# file of a corpus: the path it is reported under, and its text.</summary>
    internal sealed record SourceFile(string Path, string Text);

    /// <summary>A set of C# files compiled together into one compilation.</summary>
    internal sealed class Corpus
    {
        public Corpus(string name, ImmutableArray<SourceFile> files, bool generated, int plantedUseAfterRelease)
        {
            Name = name;
            Files = files;
            Generated = generated;
            PlantedUseAfterRelease = plantedUseAfterRelease;
            Lines = files.Sum(f => CountLines(f.Text));
        }

        public string Name { get; }

        public ImmutableArray<SourceFile> Files { get; }

        /// <summary>Whether the corpus came from <see cref="DriverCorpusGenerator"/>, so it must compile without errors.</summary>
        public bool Generated { get; }

        /// <summary>How many LIFE001 bugs the generator planted (0 for a folder).</summary>
        public int PlantedUseAfterRelease { get; }

        public int Lines { get; }

        /// <summary>Every <c>.cs</c> file under <paramref name="folder"/>, skipping build output folders.</summary>
        public static Corpus FromFolder(string folder)
        {
            var root = Path.GetFullPath(folder);
            if (!Directory.Exists(root))
            {
                throw new ArgumentException($"No folder '{folder}'.");
            }

            var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsBuildOutput(Path.GetRelativePath(root, path)))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => new SourceFile(Path.GetRelativePath(root, path), File.ReadAllText(path)))
                .ToImmutableArray();
            if (files.IsEmpty)
            {
                throw new ArgumentException($"No .cs files under '{folder}'.");
            }

            var name = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            return new Corpus(name, files, generated: false, plantedUseAfterRelease: 0);
        }

        public void WriteTo(string folder)
        {
            foreach (var file in Files)
            {
                var path = Path.Combine(folder, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }
        }

        public static int CountLines(string text)
        {
            if (text.Length == 0)
            {
                return 0;
            }

            var lines = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return text[^1] == '\n' ? lines : lines + 1;
        }

        private static bool IsBuildOutput(string relativePath)
        {
            var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts.Take(parts.Length - 1).Any(part => part is "bin" or "obj" || part.StartsWith('.'));
        }

        public override string ToString() => Name;
    }
}
