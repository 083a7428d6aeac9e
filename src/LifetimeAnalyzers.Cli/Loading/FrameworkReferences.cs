using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>
    /// The references of an ad-hoc compilation: the reference assemblies of the targeting pack
    /// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/&lt;tfm&gt;</c>) of the dotnet installation running the tool,
    /// or, where that installation has no targeting pack (a runtime without an SDK), the runtime's own assemblies.
    /// </summary>
    internal sealed class FrameworkReferences
    {
        private const string TargetingPack = "Microsoft.NETCore.App.Ref";

        private static readonly Lazy<FrameworkReferences> s_current = new(Find);

        private FrameworkReferences(ImmutableArray<MetadataReference> references, int majorVersion, string source)
        {
            References = references;
            MajorVersion = majorVersion;
            Source = source;
        }

        /// <summary>The references for the running installation, found once per process.</summary>
        public static FrameworkReferences Current => s_current.Value;

        public ImmutableArray<MetadataReference> References { get; }

        /// <summary>The major version of .NET the references describe (10 for net10.0).</summary>
        public int MajorVersion { get; }

        /// <summary>The folder the references were read from.</summary>
        public string Source { get; }

        private static FrameworkReferences Find()
        {
            var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
            var runtimeMajor = Environment.Version.Major;

            // <root>/shared/Microsoft.NETCore.App/<version>/ is the runtime; <root>/packs/ holds the targeting packs.
            var root = Directory.GetParent(Path.TrimEndingDirectorySeparator(runtimeDirectory))?.Parent?.Parent?.FullName;
            if (root is not null && FindTargetingPack(Path.Combine(root, "packs", TargetingPack), runtimeMajor) is { } pack)
            {
                return Create(pack.Folder, Directory.EnumerateFiles(pack.Folder, "*.dll"), pack.Major);
            }

            // No targeting pack: the runtime's implementation assemblies compile the same code.
            var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => string.Equals(Path.GetDirectoryName(path), Path.TrimEndingDirectorySeparator(runtimeDirectory), StringComparison.Ordinal));
            return Create(runtimeDirectory, trusted, runtimeMajor);
        }

        private static (string Folder, int Major)? FindTargetingPack(string packRoot, int runtimeMajor)
        {
            if (!Directory.Exists(packRoot))
            {
                return null;
            }

            // The newest pack of the running major version, else the newest older one, else the newest there is.
            var packs = Directory.EnumerateDirectories(packRoot)
                .Select(folder => (Folder: folder, Version: ParseVersion(Path.GetFileName(folder))))
                .Where(p => p.Version is not null)
                .Select(p => (p.Folder, Version: p.Version!))
                .OrderBy(p => p.Version.Major == runtimeMajor ? 0 : p.Version.Major < runtimeMajor ? 1 : 2)
                .ThenByDescending(p => p.Version)
                .ToList();
            foreach (var (folder, version) in packs)
            {
                var refFolder = Path.Combine(folder, "ref");
                if (!Directory.Exists(refFolder))
                {
                    continue;
                }

                var preferred = Path.Combine(refFolder, $"net{version.Major}.0");
                var tfmFolder = Directory.Exists(preferred)
                    ? preferred
                    : Directory.EnumerateDirectories(refFolder).OrderByDescending(f => f, StringComparer.Ordinal).FirstOrDefault();
                if (tfmFolder is not null && Directory.EnumerateFiles(tfmFolder, "*.dll").Any())
                {
                    return (tfmFolder, version.Major);
                }
            }

            return null;
        }

        private static Version? ParseVersion(string name)
        {
            var dash = name.IndexOf('-');
            return Version.TryParse(dash < 0 ? name : name.Substring(0, dash), out var version) ? version : null;
        }

        private static FrameworkReferences Create(string source, System.Collections.Generic.IEnumerable<string> paths, int major)
        {
            var references = paths
                .Where(IsManagedAssembly)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();
            return new FrameworkReferences(references, major, source);
        }

        private static bool IsManagedAssembly(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
                return reader.HasMetadata;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                return false;
            }
        }
    }
}
