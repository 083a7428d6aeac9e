using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// <c>dotnet format analyzers</c> and the IDE's "fix all in document" hand a fix hundreds of diagnostics at once:
    /// every fix, and its fix-all, must get through them without an exception and in bounded time.
    /// </summary>
    public sealed class FixAllAtScaleTests
    {
        private const int ClassesInTheDocument = 30;

        private readonly ITestOutputHelper _output;

        public FixAllAtScaleTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Every_fix_and_its_fix_all_get_through_a_document_with_hundreds_of_diagnostics()
        {
            using var harness = new PackageHarness();
            var project = harness.CreateProject(WarningCorpus.Generated(files: 1, classesPerFile: ClassesInTheDocument), nullable: true);
            var analysis = await harness.AnalyzeAsync(project, FuzzSettings.HostileBound);
            Assert.True(analysis.Failures.IsEmpty, "Analyzers threw:\n" + string.Join("\n\n", analysis.Failures));
            var inTheDocument = PackageHarness.InSourceOrder(analysis.Diagnostics.Where(d => d.Location.SourceTree?.FilePath.EndsWith("Part0.cs", StringComparison.Ordinal) == true));
            Assert.True(inTheDocument.Length >= 100, $"Only {inTheDocument.Length} diagnostics in the document.");

            // Every diagnostic of the first class, which has a bug of every kind: each fix is offered on them, and
            // each action it registers is also applied to the whole document.
            var secondClass = (await project.Documents.Single(d => d.Name.EndsWith("Part0.cs", StringComparison.Ordinal)).GetTextAsync()).ToString().IndexOf("class Driver0_1", StringComparison.Ordinal);
            var targets = inTheDocument.Where(d => d.Location.SourceSpan.Start < secondClass).ToList();
            var stopwatch = Stopwatch.StartNew();
            var fixes = await harness.FixAsync(project, analysis.Diagnostics, targets, FuzzSettings.HostileBound);
            stopwatch.Stop();

            var perId = string.Join(", ", inTheDocument.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            _output.WriteLine(
                $"{inTheDocument.Length} diagnostics ({perId}); {fixes.Invocations} fix invocations, {fixes.ActionsApplied} actions and " +
                $"{fixes.FixAllsApplied} fix-alls applied ({string.Join(", ", fixes.FixAllsPerFix.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}) " +
                $"in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
            Assert.True(fixes.Failures.Count == 0, "Code fixes failed:\n" + string.Join("\n\n", fixes.Failures));
            Assert.True(fixes.FixAllsApplied > 0, "No fix-all was applied.");
            var idle = harness.CodeFixes
                .Where(f => f.FixableDiagnosticIds.Any(id => inTheDocument.Any(d => d.Id == id)) && !fixes.InvocationsPerFix.ContainsKey(f.GetType().Name))
                .Select(f => f.GetType().Name)
                .ToList();
            Assert.True(idle.Count == 0, "These fixes were not offered the diagnostics they fix: " + string.Join(", ", idle));
        }
    }
}
