using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Generated code of hostile shapes (very deep, very large, recursive, every newer language form): every
    /// analyzer finishes without an exception, in bounded time, and stays silent where nothing is wrong.
    /// </summary>
    public sealed class HostileShapeTests
    {
        private readonly ITestOutputHelper _output;

        public HostileShapeTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string> Shapes()
        {
            var data = new TheoryData<string>();
            foreach (var name in HostileSources.Names)
            {
                data.Add(name);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public async Task Shape_compiles_and_is_analysed_without_exception_in_bounded_time_and_without_false_warnings(string shape)
        {
            var hostile = HostileSources.Create(shape);
            using var harness = new PackageHarness();
            var compilation = (await harness.CreateProject(hostile.Files, nullable: false).GetCompilationAsync())!;
            // The shapes are meant to be valid C#: silence on code that does not compile would say little.
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).ToList();
            Assert.True(!hostile.Compiles || errors.Count == 0, $"{shape} does not compile:\n" + string.Join("\n", errors));

            var outcome = await harness.AnalyzeAsync(compilation, FuzzSettings.HostileBound);

            _output.WriteLine($"{shape}: {hostile.Files.Sum(f => f.Text.Length)} characters analysed in {outcome.Elapsed.TotalMilliseconds:0} ms, {outcome.AnalyzerTime.TotalMilliseconds:0} ms of it in the package's analyzers.");
            Assert.True(outcome.Failures.IsEmpty, $"Analyzers threw on {shape}:\n" + string.Join("\n\n", outcome.Failures));
            Assert.True(outcome.TimeProblem(FuzzSettings.HostileBound) is null, $"{shape}: {outcome.TimeProblem(FuzzSettings.HostileBound)}.");
            if (hostile.IsCorrect)
            {
                Assert.True(
                    outcome.Diagnostics.IsEmpty,
                    $"{shape} is correct code, yet:\n" + string.Join("\n", outcome.Diagnostics.Select(d => $"{PackageHarness.Describe(d)}: {Shorten(d.GetMessage())}")));
            }
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "...";
    }
}
