using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Tests.Verifiers
{
    /// <summary>What analyzers report on a compilation: the rules' findings, and any analyzer exception (AD0001).</summary>
    internal static class AnalyzerRun
    {
        public static async Task<ImmutableArray<Diagnostic>> FindingsAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var all = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None);
            return all.Where(d => d.Id.StartsWith("LIFE", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
        }
    }
}
