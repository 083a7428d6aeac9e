using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>The least severity that makes the run fail (<c>--fail-on</c>), in SARIF's words.</summary>
    internal enum FailLevel
    {
        /// <summary>Never fail because of a diagnostic.</summary>
        None,

        /// <summary>Fail on any reported diagnostic: info (SARIF <c>note</c>), warning or error.</summary>
        Note,

        /// <summary>Fail on warnings and errors.</summary>
        Warning,

        /// <summary>Fail on errors only.</summary>
        Error,
    }

    internal static class FailLevels
    {
        public const string Names = "error, warning, note (or info), none";

        public static bool TryParse(string text, out FailLevel level)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "error":
                    level = FailLevel.Error;
                    return true;
                case "warning":
                    level = FailLevel.Warning;
                    return true;
                case "note":
                case "info":
                    level = FailLevel.Note;
                    return true;
                case "none":
                    level = FailLevel.None;
                    return true;
                default:
                    level = FailLevel.None;
                    return false;
            }
        }

        /// <summary>Whether a diagnostic of <paramref name="severity"/> makes a run with this level fail.</summary>
        public static bool Fails(this FailLevel level, DiagnosticSeverity severity) => level switch
        {
            FailLevel.Error => severity >= DiagnosticSeverity.Error,
            FailLevel.Warning => severity >= DiagnosticSeverity.Warning,
            FailLevel.Note => severity >= DiagnosticSeverity.Info,
            _ => false,
        };
    }
}
