using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LifetimeAnalyzers.PackageTests
{
    /// <summary>What the .nupkg holds: the assemblies where the compiler looks for analyzers, and nothing a consumer would depend on.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class PackageContentTests
    {
        private readonly PackageFixture _fixture;

        public PackageContentTests(PackageFixture fixture) => _fixture = fixture;

        [Fact]
        public void Package_holds_both_assemblies_under_analyzers_and_nothing_in_lib()
        {
            var packagePath = _fixture.RequirePackage();
            Assert.Equal($"{PackageFixture.PackageId}.{_fixture.ExpectedVersion}.nupkg", Path.GetFileName(packagePath));

            var entries = ReadEntries(packagePath);
            var listing = "Entries:" + Environment.NewLine + string.Join(Environment.NewLine, entries);

            Assert.True(entries.Contains("analyzers/dotnet/cs/LifetimeAnalyzers.dll"), "The analyzer assembly is missing. " + listing);
            Assert.True(entries.Contains("analyzers/dotnet/cs/LifetimeAnalyzers.CodeFixes.dll"), "The code-fix assembly is missing. " + listing);
            Assert.False(entries.Any(e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)), "Nothing may be in lib/. " + listing);
            Assert.False(entries.Any(e => e.StartsWith("ref/", StringComparison.OrdinalIgnoreCase)), "Nothing may be in ref/. " + listing);
            // The compiler brings Roslyn; a copy in the package would at best be dead weight.
            Assert.False(
                entries.Any(e => Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)),
                "Roslyn must not be packed. " + listing);
        }

        [Fact]
        public void Nuspec_declares_a_development_dependency_with_no_dependencies_a_license_and_a_readme()
        {
            var packagePath = _fixture.RequirePackage();
            var entries = ReadEntries(packagePath);
            var metadata = ReadNuspecMetadata(packagePath);
            var text = "nuspec metadata:" + Environment.NewLine + metadata;
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal(PackageFixture.PackageId, Value("id"));
            Assert.Equal(_fixture.ExpectedVersion, Value("version"));
            Assert.True(Value("developmentDependency") == "true", "developmentDependency must be true. " + text);

            var dependencies = metadata.Elements()
                .Where(e => e.Name.LocalName == "dependencies")
                .Descendants()
                .Where(e => e.Name.LocalName == "dependency");
            Assert.False(dependencies.Any(), "The package must have no dependencies. " + text);

            var license = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license");
            Assert.True(
                license != null && (string?)license.Attribute("type") == "expression" && license.Value == "MIT",
                "The license must be the expression MIT. " + text);

            var readme = Value("readme");
            Assert.False(string.IsNullOrEmpty(readme), "The package must name a readme. " + text);
            Assert.True(
                entries.Contains(readme!.Replace('\\', '/')),
                $"The readme '{readme}' is not in the package. Entries:{Environment.NewLine}{string.Join(Environment.NewLine, entries)}");
        }

        private static List<string> ReadEntries(string packagePath)
        {
            using var archive = ZipFile.OpenRead(packagePath);
            return archive.Entries.Select(e => e.FullName).ToList();
        }

        private static XElement ReadNuspecMetadata(string packagePath)
        {
            using var archive = ZipFile.OpenRead(packagePath);
            // The nuspec sits at the root of the package, named after the package id.
            var entry = archive.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            using var stream = entry.Open();
            var nuspec = XDocument.Load(stream);
            return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }
    }
}
