using System;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>Projects and solutions opened through MSBuild with the SDK that runs the tests.</summary>
    public sealed class ProjectTests
    {
        private const string Buggy = "samples/Drivers.Buggy";

        private const string ReleasedByConfiguration =
            "public sealed class Buffer { public int Length; }\n" +
            "public static class Native { public static void Free(Buffer buffer) { } }\n" +
            "public static class User\n" +
            "{\n" +
            "    public static int Read(Buffer buffer)\n" +
            "    {\n" +
            "        Native.Free(buffer);\n" +
            "        return buffer.Length;\n" +
            "    }\n" +
            "}\n";

        [Fact]
        public async Task Buggy_project_reports_each_marked_line_and_only_its_own_files()
        {
            var run = await CliRun.InRepositoryAsync(Buggy + "/Drivers.Buggy.csproj");

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            var expected = SampleMarkers.Of(Repository.PathOf(Buggy), Buggy + "/");
            Assert.True(expected.SetEquals(run.DiagnosticKeys), "Reported lines differ from the sample's markers.\n" + run.Describe());
            Assert.Empty(run.Stderr);

            // The analyzer projects it references are loaded with it, but not analysed.
            Assert.Contains("in 1 project.", run.Stdout, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Solution_file_loads_its_projects_with_their_editorconfig()
        {
            using var folder = new TempFolder();
            folder.Write(".editorconfig", "root = true\n\n[*.cs]\nlifetime_analyzers.release_methods = Native.Free\n");
            folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
            folder.Write("App/User.cs", ReleasedByConfiguration);
            folder.Write("All.slnx", "<Solution>\n  <Project Path=\"App/App.csproj\" />\n</Solution>\n");

            var run = await CliRun.InAsync(folder.Path, "All.slnx");

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            Assert.Equal("App/User.cs:8: LIFE001", Assert.Single(run.DiagnosticKeys));
        }
    }
}
