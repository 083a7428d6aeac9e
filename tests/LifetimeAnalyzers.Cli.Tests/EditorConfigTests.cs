using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>A folder's .editorconfig files: severities and lifetime_analyzers options apply as in a build.</summary>
    public sealed class EditorConfigTests
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
        public async Task Severity_none_turns_a_rule_off()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            var before = await CliRun.InAsync(copy.Path, ".");
            Assert.Contains(before.Diagnostics, m => m.Groups["id"].Value == "LIFE001");

            copy.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.LIFE001.severity = none\n");
            var after = await CliRun.InAsync(copy.Path, ".");

            Assert.DoesNotContain(after.Diagnostics, m => m.Groups["id"].Value == "LIFE001");
            Assert.True(
                after.DiagnosticKeys.SetEquals(before.DiagnosticKeys.Where(k => !k.EndsWith(": LIFE001", StringComparison.Ordinal))),
                before.Describe() + after.Describe());
            Assert.Equal(after.Diagnostics.IsEmpty ? ExitCodes.Clean : ExitCodes.DiagnosticsFound, after.ExitCode);
        }

        [Fact]
        public async Task Severity_error_is_printed_as_an_error_and_fails_on_error()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            copy.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.LIFE001.severity = error\n");

            var run = await CliRun.InAsync(copy.Path, ".", "--fail-on", "error");

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            var life001 = run.Diagnostics.Where(m => m.Groups["id"].Value == "LIFE001").ToList();
            Assert.NotEmpty(life001);
            Assert.All(life001, m => Assert.Equal("error", m.Groups["severity"].Value));
        }

        [Fact]
        public async Task A_section_applies_only_to_the_files_it_matches()
        {
            using var copy = TempFolder.WithSourcesOf(Buggy);
            copy.Write(".editorconfig", "root = true\n\n[Vimc.cs]\ndotnet_diagnostic.LIFE001.severity = none\n");

            var run = await CliRun.InAsync(copy.Path, ".");

            Assert.DoesNotContain(run.DiagnosticKeys, k => k.StartsWith("Vimc.cs:", StringComparison.Ordinal) && k.EndsWith(": LIFE001", StringComparison.Ordinal));
            Assert.Contains(run.DiagnosticKeys, k => k.EndsWith(": LIFE001", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Lifetime_analyzers_options_are_read_from_the_folder_and_its_parents()
        {
            using var folder = new TempFolder();
            folder.Write("src/User.cs", ReleasedByConfiguration);

            var unconfigured = await CliRun.InAsync(folder.Path, "src");
            Assert.True(unconfigured.ExitCode == ExitCodes.Clean, unconfigured.Describe());

            // The configuration sits above the folder analysed, as a repository's root .editorconfig does.
            folder.Write(".editorconfig", "root = true\n\n[*.cs]\nlifetime_analyzers.release_methods = Native.Free\n");
            var configured = await CliRun.InAsync(folder.Path, "src");

            Assert.True(configured.ExitCode == ExitCodes.DiagnosticsFound, configured.Describe());
            Assert.Equal("src/User.cs:8: LIFE001", Assert.Single(configured.DiagnosticKeys));
        }
    }
}
