using System.Collections.Immutable;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>LIFE001: an object is used after a statement that releases it on every path to the use.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UseAfterReleaseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LIFE001UseAfterRelease);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lifetime = LifetimeContext.For(start.Compilation, start.Options);
                FlowsAtTypeEnd.Register(start, lifetime, Report);
            });
        }

        private static void Report(TypeEndBody context, ReleaseFlowResult result)
        {
            foreach (var use in result.Uses)
            {
                var release = use.Release;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.LIFE001UseAfterRelease,
                    use.Use.Syntax.GetLocation(),
                    additionalLocations: new[] { release.Syntax.GetLocation() },
                    messageArgs: new object[] { use.Use.Syntax.ToString(), release.Description, release.ChainSuffix }));
            }
        }
    }
}
