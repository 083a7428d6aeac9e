using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using LifetimeAnalyzers.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli.Output
{
    /// <summary>A file that <c>--fix</c> rewrote, with how many diagnostics fewer it has.</summary>
    internal sealed record FixedFile(string Path, int Fixed);

    /// <summary>What the runner prints on standard output: compiler-style diagnostic lines, then a summary per rule.</summary>
    internal static class ConsoleReport
    {
        /// <summary>One line per finding, as the compiler prints them: <c>path(line,col): warning LIFE001: message</c>.</summary>
        public static void WriteDiagnostics(TextWriter writer, ImmutableArray<Finding> findings, string workingDirectory)
        {
            foreach (var finding in findings)
            {
                writer.WriteLine(Format(finding, workingDirectory));
            }
        }

        public static string Format(Finding finding, string workingDirectory)
        {
            var where = finding.Location is { } location
                ? $"{DisplayPath.For(location.Path, workingDirectory)}({location.StartLine},{location.StartColumn})"
                : "lifetime-analyzers";
            return $"{where}: {SeverityWord(finding.Severity)} {finding.RuleId}: {finding.Message}";
        }

        public static void WriteFixes(TextWriter writer, IReadOnlyList<FixedFile> files, string workingDirectory)
        {
            if (files.Count == 0)
            {
                writer.WriteLine("No code fix changed anything.");
                return;
            }

            var total = files.Sum(f => f.Fixed);
            writer.WriteLine($"Fixed {Plural(total, "diagnostic")}, changing {Plural(files.Count, "file")}:");
            foreach (var file in files)
            {
                writer.WriteLine($"  {DisplayPath.For(file.Path, workingDirectory)}: {file.Fixed} fixed");
            }

            writer.WriteLine();
        }

        /// <summary>A table of the selected rules with their counts, then one line of totals.</summary>
        public static void WriteSummary(TextWriter writer, RuleCatalog catalog, ImmutableArray<Finding> findings, AnalysisResult analysis)
        {
            var counts = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var rows = catalog.Rules
                .Select(rule => (Id: rule.Id, Title: rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), Count: counts.GetValueOrDefault(rule.Id)))
                .ToList();

            const string IdHeader = "Rule";
            const string TitleHeader = "Title";
            const string CountHeader = "Count";
            var idWidth = Math.Max(IdHeader.Length, rows.Max(r => r.Id.Length));
            var titleWidth = Math.Max(TitleHeader.Length, rows.Max(r => r.Title.Length));
            var countWidth = Math.Max(CountHeader.Length, rows.Max(r => r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length));

            if (!findings.IsEmpty)
            {
                writer.WriteLine();
            }

            writer.WriteLine($"{IdHeader.PadRight(idWidth)}  {TitleHeader.PadRight(titleWidth)}  {CountHeader.PadLeft(countWidth)}");
            writer.WriteLine($"{new string('-', idWidth)}  {new string('-', titleWidth)}  {new string('-', countWidth)}");
            foreach (var row in rows)
            {
                writer.WriteLine($"{row.Id.PadRight(idWidth)}  {row.Title.PadRight(titleWidth)}  {row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(countWidth)}");
            }

            writer.WriteLine();
            var analysed = $"analysed {Plural(analysis.DocumentCount, "document")} in {Plural(analysis.ProjectCount, "project")}.";
            if (findings.IsEmpty)
            {
                writer.WriteLine($"No diagnostics; {analysed}");
                return;
            }

            var bySeverity = findings
                .GroupBy(f => f.Severity)
                .OrderByDescending(g => g.Key)
                .Select(g => Plural(g.Count(), g.Key == DiagnosticSeverity.Info ? "info message" : SeverityWord(g.Key)));
            var files = findings.Select(f => f.Location?.Path).Where(p => p is not null).Distinct(StringComparer.Ordinal).Count();
            writer.WriteLine($"{Plural(findings.Length, "diagnostic")} ({string.Join(", ", bySeverity)}) in {Plural(files, "file")}; {analysed}");
        }

        /// <summary>The word the compiler prints for a severity.</summary>
        public static string SeverityWord(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "info",
            _ => "hidden",
        };

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
