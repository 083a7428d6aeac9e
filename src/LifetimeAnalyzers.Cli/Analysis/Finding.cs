using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli.Analysis
{
    /// <summary>A place in a source file: 1-based lines and columns, the end column just past the last character.</summary>
    internal sealed record SourceRegion(string Path, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public static SourceRegion? From(Location location)
        {
            if (!location.IsInSource)
            {
                return null;
            }

            var span = location.GetMappedLineSpan();
            if (!span.IsValid || span.Path.Length == 0)
            {
                span = location.GetLineSpan();
            }

            var path = span.Path.Length > 0 ? span.Path : location.SourceTree?.FilePath ?? "";
            return new SourceRegion(
                path,
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1);
        }
    }

    /// <summary>One diagnostic as the runner reports it, free of any compilation.</summary>
    internal sealed record Finding(
        string RuleId,
        DiagnosticSeverity Severity,
        string Message,
        SourceRegion? Location,
        ImmutableArray<SourceRegion> RelatedLocations)
    {
        public static Finding From(Diagnostic diagnostic) => new(
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            SourceRegion.From(diagnostic.Location),
            diagnostic.AdditionalLocations.Select(SourceRegion.From).OfType<SourceRegion>().ToImmutableArray());

        /// <summary>
        /// The findings of <paramref name="diagnostics"/>, once each (a multi-targeted project reports a file once per
        /// target framework), in file, line, column and rule order.
        /// </summary>
        public static ImmutableArray<Finding> FromAll(IEnumerable<Diagnostic> diagnostics)
        {
            var seen = new HashSet<(string, string, SourceRegion?)>();
            return diagnostics
                .Select(From)
                .Where(f => seen.Add((f.RuleId, f.Message, f.Location)))
                .OrderBy(f => f.Location?.Path ?? "", StringComparer.Ordinal)
                .ThenBy(f => f.Location?.StartLine ?? 0)
                .ThenBy(f => f.Location?.StartColumn ?? 0)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToImmutableArray();
        }
    }
}
