using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LifetimeAnalyzers.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli.Output
{
    /// <summary>
    /// Writes the findings as a SARIF 2.1.0 log: one run whose driver lists the selected rules, one result per finding.
    /// Files under the working directory are given relative to it (base id <c>%SRCROOT%</c>), as code-scanning services expect.
    /// </summary>
    internal static class SarifLog
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string ToolName = "LifetimeAnalyzers";
        public const string InformationUri = "https://github.com/lifetime-analyzers/LifetimeAnalyzers";
        private const string SourceRoot = "%SRCROOT%";

        /// <exception cref="CliException">The file cannot be written.</exception>
        public static void Write(string path, RuleCatalog catalog, ImmutableArray<Finding> findings, string workingDirectory)
        {
            try
            {
                var directory = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                using var stream = File.Create(path);
                Write(stream, catalog, findings, workingDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new CliException($"cannot write the SARIF log '{path}': {e.Message}", e);
            }
        }

        public static void Write(Stream stream, RuleCatalog catalog, ImmutableArray<Finding> findings, string workingDirectory)
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var ruleIndex = catalog.Rules.Select((rule, index) => (rule.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);

            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolName);
            json.WriteString("version", ToolVersion.Current);
            json.WriteString("semanticVersion", ToolVersion.Current);
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in catalog.Rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRoot);
            json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(workingDirectory) + Path.DirectorySeparatorChar).AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteString("columnKind", "utf16CodeUnits");

            json.WriteStartArray("results");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", finding.RuleId);
                if (ruleIndex.TryGetValue(finding.RuleId, out var index))
                {
                    json.WriteNumber("ruleIndex", index);
                }

                json.WriteString("level", Level(finding.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", finding.Message);
                json.WriteEndObject();

                json.WriteStartArray("locations");
                if (finding.Location is { } location)
                {
                    json.WriteStartObject();
                    WritePhysicalLocation(json, location, workingDirectory);
                    json.WriteEndObject();
                }

                json.WriteEndArray();

                if (!finding.RelatedLocations.IsEmpty)
                {
                    json.WriteStartArray("relatedLocations");
                    for (var i = 0; i < finding.RelatedLocations.Length; i++)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("id", i + 1);
                        WritePhysicalLocation(json, finding.RelatedLocations[i], workingDirectory);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        /// <summary>The SARIF level of a severity.</summary>
        public static string Level(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "note",
            _ => "none",
        };

        private static void WriteRule(Utf8JsonWriter json, DiagnosticDescriptor rule)
        {
            var title = rule.Title.ToString(CultureInfo.InvariantCulture);
            var description = rule.Description.ToString(CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", RuleName(title, rule.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", description.Length > 0 ? description : title);
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(rule.HelpLinkUri))
            {
                json.WriteString("helpUri", rule.HelpLinkUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            if (!rule.IsEnabledByDefault)
            {
                json.WriteBoolean("enabled", false);
            }

            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WritePhysicalLocation(Utf8JsonWriter json, SourceRegion region, string workingDirectory)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            if (DisplayPath.RelativeUnder(region.Path, workingDirectory) is { } relative)
            {
                json.WriteString("uri", string.Join("/", relative.Split('/').Select(Uri.EscapeDataString)));
                json.WriteString("uriBaseId", SourceRoot);
            }
            else
            {
                json.WriteString("uri", new Uri(Path.GetFullPath(region.Path)).AbsoluteUri);
            }

            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", region.StartLine);
            json.WriteNumber("startColumn", region.StartColumn);
            json.WriteNumber("endLine", region.EndLine);
            json.WriteNumber("endColumn", region.EndColumn);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <summary>SARIF's rule name: an identifier made of the title's words ("Use after release" gives UseAfterRelease).</summary>
        private static string RuleName(string title, string id)
        {
            var name = new StringBuilder();
            foreach (var word in title.Split(new[] { ' ', '-', '_', '(', ')', ',', '.', '/', '\'' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
                if (letters.Length > 0)
                {
                    name.Append(char.ToUpperInvariant(letters[0])).Append(letters, 1, letters.Length - 1);
                }
            }

            return name.Length > 0 ? name.ToString() : id;
        }
    }
}
