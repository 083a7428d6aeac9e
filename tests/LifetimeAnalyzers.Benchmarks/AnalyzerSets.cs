using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// A group of analyzers timed together on a fresh <see cref="CompilationWithAnalyzers"/>: ours, or one peer package.
    /// </summary>
    internal sealed class AnalyzerSet
    {
        public AnalyzerSet(string name, string version, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> diagnosticOptions)
        {
            Name = name;
            Version = version;
            Analyzers = analyzers;
            DiagnosticOptions = diagnosticOptions;
        }

        public string Name { get; }

        public string Version { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        /// <summary>The severities this set needs in the compilation's options (rules to enable, rules to silence).</summary>
        public ImmutableDictionary<string, ReportDiagnostic> DiagnosticOptions { get; }

        public static string NameOf(DiagnosticAnalyzer analyzer) => analyzer.GetType().Name;
    }

    /// <summary>Finds the analyzers to time: every analyzer in LifetimeAnalyzers.dll, and the peers' from their packages.</summary>
    internal static class AnalyzerSets
    {
        public const string Ours = "LifetimeAnalyzers";
        public const string IDisposableAnalyzers = "IDisposableAnalyzers";
        public const string NetAnalyzers = "Microsoft.CodeAnalysis.NetAnalyzers";
        public const string Baseline = "LifetimeAnalyzers baseline";

        /// <summary>The NetAnalyzers rules about disposal that a user would weigh against ours; CA2000 is off by default.</summary>
        public static readonly ImmutableArray<string> NetAnalyzersRules = ImmutableArray.Create("CA2000", "CA2213", "CA2214");

        /// <summary>Every analyzer type in the project-referenced LifetimeAnalyzers assembly, so new rules are timed as they land.</summary>
        public static AnalyzerSet LoadOurs()
        {
            var assembly = Assembly.Load(new AssemblyName(Ours));
            var analyzers = assembly.GetTypes()
                .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                    && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(type => type.Name, StringComparer.Ordinal)
                .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
                .ToImmutableArray();
            if (analyzers.IsEmpty)
            {
                throw new InvalidOperationException($"{assembly.Location} holds no C# analyzer.");
            }

            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
            return new AnalyzerSet(Ours, version.Split('+')[0] + " (src)", analyzers, ImmutableDictionary<string, ReportDiagnostic>.Empty);
        }

        /// <summary>IDisposableAnalyzers as installed: every analyzer, at the severities the package gives them.</summary>
        public static AnalyzerSet LoadIDisposableAnalyzers()
        {
            var analyzers = LoadPeer(IDisposableAnalyzers);
            return new AnalyzerSet(IDisposableAnalyzers, PeerVersion(IDisposableAnalyzers), analyzers, ImmutableDictionary<string, ReportDiagnostic>.Empty);
        }

        /// <summary>The NetAnalyzers analyzers that own CA2000, CA2213 and CA2214, with exactly those rules on and their other rules off.</summary>
        public static AnalyzerSet LoadNetAnalyzers()
        {
            var analyzers = LoadPeer(NetAnalyzers)
                .Where(a => a.SupportedDiagnostics.Any(d => NetAnalyzersRules.Contains(d.Id)))
                .ToImmutableArray();
            var missing = NetAnalyzersRules.Where(id => !analyzers.Any(a => a.SupportedDiagnostics.Any(d => d.Id == id))).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"{NetAnalyzers} has no analyzer for {string.Join(", ", missing)}.");
            }

            var options = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
            foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics))
            {
                options[descriptor.Id] = NetAnalyzersRules.Contains(descriptor.Id) ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress;
            }

            return new AnalyzerSet(NetAnalyzers + " (" + string.Join(", ", NetAnalyzersRules) + ")", PeerVersion(NetAnalyzers), analyzers, options.ToImmutable());
        }

        /// <summary>
        /// Another build of our analyzer assembly (an earlier commit's <c>LifetimeAnalyzers.dll</c>), in a load context of its
        /// own as a peer's, so that a change is timed side by side with what it changes.
        /// </summary>
        public static AnalyzerSet LoadBaseline(string path)
        {
            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                throw new InvalidOperationException($"No baseline analyzer assembly at {fullPath}.");
            }

            var analyzers = Load(Baseline, Path.GetDirectoryName(fullPath)!, new[] { fullPath });
            return new AnalyzerSet(Baseline, fullPath, analyzers, ImmutableDictionary<string, ReportDiagnostic>.Empty);
        }

        /// <summary>The analyzers of a peer package, loaded from the copy of its <c>analyzers/dotnet/cs</c> folder next to the harness.</summary>
        private static ImmutableArray<DiagnosticAnalyzer> LoadPeer(string package)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "peers", package);
            var paths = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
            if (paths.Length == 0)
            {
                throw new InvalidOperationException($"No analyzer assemblies of {package} next to the harness: build it with 'dotnet build -c Release'.");
            }

            return Load(package, folder, paths);
        }

        private static ImmutableArray<DiagnosticAnalyzer> Load(string package, string folder, IReadOnlyList<string> paths)
        {
            var loader = new PeerAssemblyLoader(package, folder);
            var failures = new List<string>();
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var path in paths)
            {
                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.TypeName} {e.Message}");
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }

            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"{package} did not load:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
            }

            return analyzers.ToImmutable();
        }

        private static string PeerVersion(string package) =>
            typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Peer:" + package)?.Value ?? "?";

        /// <summary>
        /// Loads a peer package's assemblies into a load context of their own, as the compiler does: its own
        /// dependencies come from its folder, Roslyn and the framework from the host.
        /// </summary>
        private sealed class PeerAssemblyLoader : IAnalyzerAssemblyLoader
        {
            private readonly PeerLoadContext _context;

            public PeerAssemblyLoader(string package, string folder) => _context = new PeerLoadContext(package, folder);

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);
        }

        private sealed class PeerLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public PeerLoadContext(string package, string folder)
                : base(package)
            {
                _folder = folder;
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}
