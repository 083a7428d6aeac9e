using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>The SARIF log: the fields of SARIF 2.1.0 that its schema requires, and the ones code-scanning services read.</summary>
    public sealed class SarifTests
    {
        private const string Buggy = "samples/Drivers.Buggy";

        private static readonly HashSet<string> s_levels = new(StringComparer.Ordinal) { "none", "note", "warning", "error" };

        [Fact]
        public async Task Sarif_log_has_the_required_shape_and_one_result_per_printed_diagnostic()
        {
            using var folder = new TempFolder();
            var sarif = Path.Combine(folder.Path, "out", "lifetime.sarif");

            var run = await CliRun.InRepositoryAsync(Buggy, "--sarif", sarif);

            Assert.True(run.ExitCode == ExitCodes.DiagnosticsFound, run.Describe());
            using var log = JsonDocument.Parse(File.ReadAllText(sarif));
            var root = log.RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Contains("sarif", root.GetProperty("$schema").GetString(), StringComparison.OrdinalIgnoreCase);

            var sarifRun = Assert.Single(root.GetProperty("runs").EnumerateArray());
            var driver = sarifRun.GetProperty("tool").GetProperty("driver");
            Assert.Equal("LifetimeAnalyzers", driver.GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
            Assert.True(Uri.IsWellFormedUriString(driver.GetProperty("informationUri").GetString(), UriKind.Absolute));

            var rules = driver.GetProperty("rules").EnumerateArray().ToList();
            Assert.NotEmpty(rules);
            var ruleIds = new List<string>();
            foreach (var rule in rules)
            {
                var id = rule.GetProperty("id").GetString()!;
                ruleIds.Add(id);
                Assert.Matches("^LIFE\\d{3}$", id);
                Assert.Matches("^[A-Z][A-Za-z0-9]*$", rule.GetProperty("name").GetString()!);
                Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
                Assert.EndsWith(id + ".md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
                Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString()!, s_levels);
            }

            Assert.Equal(ruleIds.Distinct().Count(), ruleIds.Count);

            var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(run.Diagnostics.Length, results.Count);
            var printed = new HashSet<string>(run.DiagnosticKeys, StringComparer.Ordinal);
            foreach (var result in results)
            {
                var ruleId = result.GetProperty("ruleId").GetString()!;
                Assert.Contains(ruleId, ruleIds);
                Assert.Equal(ruleIds.IndexOf(ruleId), result.GetProperty("ruleIndex").GetInt32());
                Assert.Contains(result.GetProperty("level").GetString()!, s_levels);
                Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));

                var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
                var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                var region = location.GetProperty("region");
                var startLine = region.GetProperty("startLine").GetInt32();
                AssertRegion(region);
                Assert.Contains($"{uri}:{startLine}: {ruleId}", printed);

                // The release (or registration) the message names is a related location.
                if (result.TryGetProperty("relatedLocations", out var related))
                {
                    foreach (var relatedLocation in related.EnumerateArray())
                    {
                        var physical = relatedLocation.GetProperty("physicalLocation");
                        Assert.False(string.IsNullOrEmpty(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()));
                        AssertRegion(physical.GetProperty("region"));
                    }
                }
            }

            Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "LIFE001" && r.TryGetProperty("relatedLocations", out _));
        }

        [Fact]
        public async Task Sarif_log_of_a_clean_run_lists_the_rules_and_no_results()
        {
            using var folder = new TempFolder();
            var sarif = Path.Combine(folder.Path, "clean.sarif");

            var run = await CliRun.InRepositoryAsync("samples/Drivers.Fixed", "--sarif", sarif, "--rules", "LIFE001");

            Assert.True(run.ExitCode == ExitCodes.Clean, run.Describe());
            using var log = JsonDocument.Parse(File.ReadAllText(sarif));
            var sarifRun = Assert.Single(log.RootElement.GetProperty("runs").EnumerateArray());
            var rule = Assert.Single(sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
            Assert.Equal("LIFE001", rule.GetProperty("id").GetString());
            Assert.Empty(sarifRun.GetProperty("results").EnumerateArray());
        }

        private static void AssertRegion(JsonElement region)
        {
            var startLine = region.GetProperty("startLine").GetInt32();
            var startColumn = region.GetProperty("startColumn").GetInt32();
            var endLine = region.GetProperty("endLine").GetInt32();
            var endColumn = region.GetProperty("endColumn").GetInt32();
            Assert.True(startLine >= 1 && startColumn >= 1, region.ToString());
            Assert.True(endLine > startLine || (endLine == startLine && endColumn > startColumn), region.ToString());
        }
    }
}
