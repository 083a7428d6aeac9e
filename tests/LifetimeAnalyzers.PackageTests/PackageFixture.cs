using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LifetimeAnalyzers.PackageTests
{
    /// <summary>Packs the package once, into a fresh temporary folder, for every test in the <see cref="PackageCollection"/>.</summary>
    public sealed class PackageFixture : IDisposable
    {
        internal const string PackageId = "LifetimeAnalyzers";
        internal static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

        public PackageFixture()
        {
            var assembly = typeof(PackageFixture).Assembly;
            Configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            ExpectedVersion = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PackageVersion").Value!;
            RepositoryRoot = FindRepositoryRoot();

            // Under the system temp folder, so nothing of the repository (Directory.Build.props, nuget.config) applies.
            TempRoot = Path.Combine(Path.GetTempPath(), "LifetimeAnalyzers.PackageTests", Guid.NewGuid().ToString("N").Substring(0, 12));
            PackageDirectory = Path.Combine(TempRoot, "feed");
            Directory.CreateDirectory(PackageDirectory);

            var project = Path.Combine(RepositoryRoot, "nuget", "LifetimeAnalyzers.Package.csproj");
            Pack = DotnetCli.Run(
                RepositoryRoot,
                new[] { "pack", project, "-c", Configuration, "-o", PackageDirectory, "-tl:off" },
                CommandTimeout,
                isolateFromCi: false);
            PackagePath = Directory.GetFiles(PackageDirectory, "*.nupkg").SingleOrDefault();
        }

        /// <summary>The configuration these tests were built in; the package is packed in the same one.</summary>
        internal string Configuration { get; }

        /// <summary>The version from Directory.Build.props.</summary>
        internal string ExpectedVersion { get; }

        /// <summary>The folder holding LifetimeAnalyzers.sln.</summary>
        internal string RepositoryRoot { get; }

        /// <summary>A fresh folder outside the repository, deleted when the tests are done.</summary>
        internal string TempRoot { get; }

        /// <summary>The folder <c>dotnet pack</c> wrote to: a package source holding only this package.</summary>
        internal string PackageDirectory { get; }

        internal CliResult Pack { get; }

        internal string? PackagePath { get; }

        /// <summary>The packed .nupkg; fails the test, with the pack output, when packing failed.</summary>
        internal string RequirePackage()
        {
            Assert.True(Pack.Succeeded, Pack.Describe("dotnet pack failed."));
            Assert.True(PackagePath != null, Pack.Describe($"dotnet pack produced no single .nupkg in {PackageDirectory}."));
            return PackagePath!;
        }

        /// <summary>A new, empty folder under <see cref="TempRoot"/>.</summary>
        internal string CreateDirectory(string name)
        {
            var path = Path.Combine(TempRoot, name);
            Directory.CreateDirectory(path);
            return path;
        }

        public void Dispose()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (Directory.Exists(TempRoot))
                    {
                        Directory.Delete(TempRoot, recursive: true);
                    }

                    // The shared parent goes too, unless another run is using it.
                    var parent = Path.GetDirectoryName(TempRoot)!;
                    if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                    {
                        Directory.Delete(parent);
                    }

                    return;
                }
                catch (Exception e) when ((e is IOException || e is UnauthorizedAccessException) && attempt < 3)
                {
                    System.Threading.Thread.Sleep(500);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Leaving a temp folder behind must not fail the run.
                    return;
                }
            }
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LifetimeAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No LifetimeAnalyzers.sln in {AppContext.BaseDirectory} or any folder above it.");
        }
    }

    /// <summary>The tests that share one packed package.</summary>
    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "Packed package";
    }
}
