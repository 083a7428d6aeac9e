using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>How every rule treats generated code.</summary>
    internal static class GeneratedCode
    {
        /// <summary>
        /// Generated code is not analysed. Findings are not filtered again: each is reported in the member being analysed,
        /// never generated, and the filter would have the driver search every reporting file for generated-code
        /// attributes, under a lock, which cost more than all of the rules' own work on a large solution.
        /// </summary>
        public const GeneratedCodeAnalysisFlags Flags = GeneratedCodeAnalysisFlags.ReportDiagnostics;
    }
}
