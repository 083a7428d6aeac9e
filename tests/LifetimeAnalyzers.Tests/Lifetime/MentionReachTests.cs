using System.Linq;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Which callbacks are worth binding to find whether they read a member, told from the names they write.</summary>
    public class MentionReachTests
    {
        private const string Source = @"
using System;
class Sensor
{
    protected int _scale;
    private static int s_count;
    private int[] _table = new int[4];
    protected void Log(string text) { }
    void Tick() { Log(""tick""); }
    int Read() => _scale * 2;
    void Sample() { Log(""sample""); var value = Read(); }
    int Scale => _scale;
    void Show() { Log(Scale.ToString()); }
    int this[int index] => _table[index] * _scale;
    void Lookup() { var first = this[0]; }
    void Loop() { Loop(); Tick(); }
    void Count() { s_count++; }
}
class Probe : Sensor
{
    void Check() { Log(_scale.ToString()); }
}";

        [Theory]
        [InlineData("Sensor", "Tick", false)]
        [InlineData("Sensor", "Read", true)]
        [InlineData("Sensor", "Sample", true)]
        [InlineData("Sensor", "Show", true)]
        [InlineData("Sensor", "Lookup", true)]
        [InlineData("Sensor", "Loop", false)]
        [InlineData("Sensor", "Count", false)]
        [InlineData("Probe", "Check", true)]
        public void A_method_could_touch_a_member_only_by_naming_it_or_a_member_that_does(string type, string method, bool could)
        {
            var (compilation, sensor) = Compile();
            var actual = compilation.GetTypeByMetadataName(type)!;
            var symbol = actual.GetMembers(method).OfType<IMethodSymbol>().Single();
            var reach = MentionReach.For(new[] { sensor.GetMembers("_scale").Single() }, actual)!;

            Assert.Equal(could, reach.CouldTouch(symbol, default));
        }

        [Fact]
        public void A_method_once_found_silent_stays_silent_when_asked_again()
        {
            var (_, sensor) = Compile();
            var reach = MentionReach.For(new[] { sensor.GetMembers("_scale").Single() }, sensor)!;
            var loop = sensor.GetMembers("Loop").OfType<IMethodSymbol>().Single();
            var read = sensor.GetMembers("Read").OfType<IMethodSymbol>().Single();

            Assert.False(reach.CouldTouch(loop, default));
            Assert.False(reach.CouldTouch(loop, default));
            Assert.True(reach.CouldTouch(read, default));
        }

        [Fact]
        public void A_static_member_is_not_told_by_names()
        {
            var (_, sensor) = Compile();
            Assert.Null(MentionReach.For(new[] { sensor.GetMembers("s_count").Single() }, sensor));
        }

        private static (Compilation Compilation, INamedTypeSymbol Sensor) Compile()
        {
            var compilation = TestReferences.CompileWithoutErrors("Mentions", new[] { CSharpSyntaxTree.ParseText(Source) });
            return (compilation, compilation.GetTypeByMetadataName("Sensor")!);
        }
    }
}
