using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;
using Xunit;

namespace LifetimeAnalyzers.PackageTests
{
    /// <summary>
    /// A project outside the repository installs the packed package the way a user would and builds: the analyzers
    /// load in the command-line compiler and report on the user's code.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class ConsumerBuildTests
    {
        private const string UseAfterDispose = @"namespace Consumer
{
    public static class Streams
    {
        public static void WriteAfterDispose()
        {
            var stream = new System.IO.MemoryStream();
            stream.Dispose();
            stream.WriteByte(1);
        }
    }
}
";

        private readonly PackageFixture _fixture;

        public ConsumerBuildTests(PackageFixture fixture) => _fixture = fixture;

        [Fact]
        public void Consumer_build_with_only_the_package_as_source_reports_use_after_release()
        {
            _fixture.RequirePackage();
            var consumer = _fixture.CreateDirectory("consumer");
            var packages = _fixture.CreateDirectory("consumer-packages");
            Assert.False(
                consumer.StartsWith(_fixture.RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal),
                $"The consumer must live outside the repository, but the temp folder {consumer} is inside {_fixture.RepositoryRoot}.");

            // The only package source is the folder holding the package just packed: restore fails if it needs anything else.
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <packageSources>
    <clear />
    <add key=""packed"" value=""{Xml(_fixture.PackageDirectory)}"" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
  </fallbackPackageFolders>
</configuration>
");
            // Stop MSBuild's search for these files in the folders above the temp folder.
            File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />\n");

            // A private package folder: a stale LifetimeAnalyzers of the same version in the user's cache is never used.
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <RestorePackagesPath>{Xml(packages)}</RestorePackagesPath>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""{PackageFixture.PackageId}"" Version=""[{_fixture.ExpectedVersion}]"" PrivateAssets=""all"" />
  </ItemGroup>
</Project>
");
            File.WriteAllText(Path.Combine(consumer, "Streams.cs"), UseAfterDispose);

            // Normal verbosity logs the compiler's command line, which names the analyzer assemblies it loads.
            var build = DotnetCli.Run(
                consumer,
                new[] { "build", "Consumer.csproj", "-c", "Debug", "-v:n", "-tl:off" },
                PackageFixture.CommandTimeout,
                isolateFromCi: true);

            Assert.True(build.Succeeded, build.Describe("The consumer project did not build."));

            var restored = Path.Combine(packages, PackageFixture.PackageId.ToLowerInvariant(), _fixture.ExpectedVersion);
            Assert.True(Directory.Exists(restored), build.Describe($"The package was not restored into the private folder {restored}."));

            var analyzer = Path.Combine(restored, "analyzers", "dotnet", "cs", "LifetimeAnalyzers.dll");
            var analyzerArguments = Regex.Matches(build.Output, @"/analyzer:(?:""([^""]+)""|(\S+))")
                .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToList();
            Assert.True(
                analyzerArguments.Contains(analyzer),
                build.Describe($"The compiler was not given {analyzer}. It was given:{Environment.NewLine}{string.Join(Environment.NewLine, analyzerArguments)}"));

            // CS8032: the compiler could not create the analyzers; AD0001: an analyzer threw.
            Assert.False(build.Output.Contains("CS8032", StringComparison.Ordinal), build.Describe("The compiler could not load the analyzers (CS8032)."));
            Assert.False(build.Output.Contains("AD0001", StringComparison.Ordinal), build.Describe("An analyzer threw (AD0001)."));

            Assert.True(
                build.Output.Contains("warning LIFE001", StringComparison.Ordinal),
                build.Describe("The build did not report LIFE001 for the stream written after Dispose()."));
        }

        private static string Xml(string text) => SecurityElement.Escape(text)!;
    }
}
