using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>
    /// A folder (or one file) of C# code compiled ad hoc: every <c>.cs</c> file below it, outside build output and
    /// hidden folders, in one library against the framework's reference assemblies. Compile errors are tolerated, as
    /// in code being typed. The <c>.editorconfig</c> files that apply (from the folder up to the root, and inside it)
    /// and the <c>.globalconfig</c> files above it are the analyzer configuration, as the SDK would pass them.
    /// </summary>
    internal static class FolderLoader
    {
        private const string EditorConfig = ".editorconfig";
        private const string GlobalConfig = ".globalconfig";

        /// <summary>Folders that hold build output or tool state, not sources.</summary>
        private static readonly ImmutableHashSet<string> s_skippedFolders =
            ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "bin", "obj");

        public static LoadedInput Load(InputPath input)
        {
            var folder = input.Kind == InputKind.File ? Path.GetDirectoryName(input.FullPath)! : input.FullPath;
            var sources = input.Kind == InputKind.File
                ? new List<string> { input.FullPath }
                : EnumerateFiles(folder, path => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList();
            if (sources.Count == 0)
            {
                throw new CliException($"'{input.Display}' holds no C# files.");
            }

            var configs = ConfigFiles(folder, includeInside: input.Kind == InputKind.Folder);
            var framework = FrameworkReferences.Current;
            var name = SafeName(Path.GetFileName(folder));
            var projectId = ProjectId.CreateNewId(name);

            var documents = sources.Select(path => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, path),
                Path.GetFileName(path),
                folders: Folders(folder, path),
                loader: new FileTextLoader(path, defaultEncoding: null),
                filePath: path));
            var analyzerConfigs = configs.Select(path => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, path),
                Path.GetFileName(path),
                loader: new FileTextLoader(path, defaultEncoding: null),
                filePath: path));

            var project = ProjectInfo.Create(
                    projectId,
                    VersionStamp.Create(),
                    name,
                    name,
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(
                        OutputKind.DynamicallyLinkedLibrary,
                        nullableContextOptions: NullableContextOptions.Enable,
                        allowUnsafe: true),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: PreprocessorSymbols(framework.MajorVersion)),
                    documents: documents,
                    metadataReferences: framework.References)
                .WithAnalyzerConfigDocuments(analyzerConfigs);

            var workspace = new AdhocWorkspace();
            try
            {
                var solution = workspace.CurrentSolution.AddProject(project);
                return new LoadedInput(workspace, solution, ImmutableArray.Create(projectId));
            }
            catch
            {
                workspace.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The <c>.editorconfig</c> files from <paramref name="folder"/> up to the root (and below it, for a folder),
        /// and the <c>.globalconfig</c> files from the folder up: the set the SDK gives a project in that folder.
        /// </summary>
        private static List<string> ConfigFiles(string folder, bool includeInside)
        {
            var files = new List<string>();
            for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
            {
                foreach (var name in new[] { EditorConfig, GlobalConfig })
                {
                    var path = Path.Combine(directory.FullName, name);
                    if (File.Exists(path))
                    {
                        files.Add(path);
                    }
                }
            }

            if (includeInside)
            {
                files.AddRange(EnumerateFiles(folder, path => Path.GetFileName(path) == EditorConfig)
                    .Where(path => !string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal)));
            }

            return files;
        }

        /// <summary>Files below <paramref name="root"/>, in a stable order, skipping build output and hidden folders.</summary>
        private static IEnumerable<string> EnumerateFiles(string root, Func<string, bool> include)
        {
            var pending = new Stack<string>();
            pending.Push(root);
            var found = new List<string>();
            while (pending.Count > 0)
            {
                var directory = pending.Pop();
                try
                {
                    found.AddRange(Directory.EnumerateFiles(directory).Where(include));
                    foreach (var child in Directory.EnumerateDirectories(directory))
                    {
                        var name = Path.GetFileName(child);
                        var attributes = File.GetAttributes(child);
                        if (!name.StartsWith(".", StringComparison.Ordinal)
                            && !s_skippedFolders.Contains(name)
                            && (attributes & FileAttributes.ReparsePoint) == 0)
                        {
                            pending.Push(child);
                        }
                    }
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    // A folder that cannot be read is skipped, like one that is not there.
                }
            }

            return found.OrderBy(path => path, StringComparer.Ordinal);
        }

        private static IEnumerable<string> Folders(string root, string path)
        {
            var relative = Path.GetRelativePath(root, Path.GetDirectoryName(path)!);
            return relative == "." ? Array.Empty<string>() : relative.Split(Path.DirectorySeparatorChar);
        }

        /// <summary>The symbols the SDK defines for a project of that .NET version (NET, NET10_0, NET8_0_OR_GREATER, ...).</summary>
        private static IEnumerable<string> PreprocessorSymbols(int major)
        {
            var symbols = new List<string> { "NET", "NETCOREAPP", $"NET{major}_0" };
            for (var version = 5; version <= major; version++)
            {
                symbols.Add($"NET{version}_0_OR_GREATER");
            }

            symbols.AddRange(new[] { "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER" });
            return symbols;
        }

        private static string SafeName(string name)
        {
            var builder = new StringBuilder();
            foreach (var c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
            }

            return builder.Length == 0 ? "Sources" : builder.ToString();
        }
    }
}
