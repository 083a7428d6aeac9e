using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// An <c>.editorconfig</c> is typed by hand, and half-typed too: whatever its lifetime options say, no analyzer
    /// may throw or hang. The values go into every option the package reads.
    /// </summary>
    public sealed class HostileOptionsTests
    {
        private static readonly string[] s_keys =
        {
            "lifetime_analyzers.release_methods",
            "lifetime_analyzers.register_methods",
            "lifetime_analyzers.unregister_methods",
        };

        private readonly ITestOutputHelper _output;

        public HostileOptionsTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string, string> Values() => new()
        {
            { "empty", "" },
            { "separators only", " , ;,, ; " },
            { "parentheses only", "(, ), (), )(" },
            { "unclosed parameter", "Free(, Dispose(0" },
            { "parameter that is not a number", "Free(x), Close(this that), Return(0x1)" },
            { "negative parameter", "Free(-1), Return(-2147483648)" },
            { "huge parameter", "Free(2147483647), Return(99999999999999999999)" },
            { "parameter beyond the parameters", "WriteByte(7), ReadByte(1), Dispose(3)" },
            { "dots", "., .., a..b, .Free, Free., System..IO.Stream.Dispose" },
            { "every method a release", "ToString, GetHashCode, Equals, ReadByte, WriteByte, Flush, get_Length, .ctor, op_Addition" },
            { "the uses themselves are releases", "System.IO.Stream.ReadByte(this), System.IO.Stream.Flush, System.Buffers.ArrayPool`1.Return(0)" },
            { "generic and nested names", "Pool<T>.Return(0), Outer+Inner.Free, List`1.Add(0), System.Collections.Generic.List<int>.Clear" },
            { "control and odd characters", "Fr\u0000ee, Fr\u00E9e, \uD83D\uDE00, Free\u200B, \t\r\nFree" },
            { "duplicates", string.Join(", ", Enumerable.Repeat("Dispose, Free(0), Return(this)", 200)) },
            { "very long", string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"Ns{i % 7}.Type{i}.Method{i}({i % 3})")) },
            { "one very long name", new string('A', 200_000) },
        };

        [Theory]
        [MemberData(nameof(Values))]
        public async Task Any_option_value_is_survived(string what, string value)
        {
            using var harness = new PackageHarness();
            var files = WarningCorpus.SampleAndGenerated(files: 1, classesPerFile: 2);
            var options = new FixedOptionsProvider(s_keys.ToDictionary(key => key, _ => value));

            var outcome = await harness.AnalyzeAsync(harness.CreateProject(files), FuzzSettings.HostileBound, concurrent: false, options);

            _output.WriteLine($"{what}: {outcome.Diagnostics.Length} diagnostics, {outcome.AnalyzerTime.TotalMilliseconds:0} ms in the analyzers.");
            Assert.True(outcome.Failures.IsEmpty, $"Analyzers threw with the option value '{Shorten(value)}':\n" + string.Join("\n\n", outcome.Failures));
            Assert.True(outcome.TimeProblem(FuzzSettings.HostileBound) is null, $"With the option value '{Shorten(value)}': {outcome.TimeProblem(FuzzSettings.HostileBound)}.");
        }

        private static string Shorten(string text) => text.Length <= 120 ? text : text.Substring(0, 120) + "...";
    }
}
