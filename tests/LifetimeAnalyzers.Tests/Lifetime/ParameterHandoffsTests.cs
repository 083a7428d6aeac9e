using System.Linq;
using System.Threading.Tasks;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Samples;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Which methods are worth binding to learn the parameters they register or unregister, told from their syntax.</summary>
    public class ParameterHandoffsTests
    {
        private const string Source = @"
using System;
using System.Collections.Generic;
class Bus
{
    public static object? Current;
    private readonly List<object> _clients = new List<object>();
    public int Count;
    public event EventHandler? Changed;
    public void Attach(object client) => _clients.Add(client);
    public object this[int index] => _clients[index];
}
static class BusExtensions
{
    public static void Join(this object client, Bus bus) => bus.Attach(client);
}
class Helpers
{
    private readonly List<Bus> _buses = new List<Bus>();
    private Bus? _last;
    private int _total;

    void Argument(Bus bus, object client) { bus.Attach(client); }
    void CastArgument(Bus bus, object client) { bus.Attach((object)client!); }
    void ExtensionReceiver(object client, Bus bus) { client.Join(bus); }
    void Stored(Bus bus) { Bus.Current = bus; }
    void StoredAs(object bus) { _last = bus as Bus; }
    void Collected(Bus bus) { _buses.Add(bus); }
    void InLambda(Bus bus) { Action later = () => _buses.Add(bus); }
    void Interpolated(Bus bus) { Log($""{bus}""); }
    void Iterated(List<Bus> buses) { foreach (var bus in buses) { } }

    void None() { _total++; }
    void MembersOnly(Bus bus) { _total += bus.Count; }
    void Compared(Bus bus) { if (bus == _last || bus is null) { return; } }
    void Indexed(Bus bus) { var first = bus[0]; }
    void Subscribed(Bus bus) { bus.Changed += OnChanged; }
    void Invoked(Action<int> callback) { callback(_total); }
    void Local(Bus bus) { var copy = bus; }
    int Returned(int value) => value;
    void Named(Bus bus) { _total = this._total; Log(text: ""bus""); }
    void Written(Bus bus) { bus = new Bus(); }

    void OnChanged(object? sender, EventArgs e) { }
    void Log(string text) { }
}";

        [Theory]
        [InlineData("Argument", true)]
        [InlineData("CastArgument", true)]
        [InlineData("ExtensionReceiver", true)]
        [InlineData("Stored", true)]
        [InlineData("StoredAs", true)]
        [InlineData("Collected", true)]
        [InlineData("InLambda", true)]
        [InlineData("Interpolated", true)]
        [InlineData("Iterated", true)]
        [InlineData("None", false)]
        [InlineData("MembersOnly", false)]
        [InlineData("Compared", false)]
        [InlineData("Indexed", false)]
        [InlineData("Subscribed", false)]
        [InlineData("Invoked", false)]
        [InlineData("Local", false)]
        [InlineData("Returned", false)]
        [InlineData("Named", false)]
        [InlineData("Written", false)]
        public void A_method_may_hand_on_a_parameter_only_as_an_argument_or_an_assigned_value(string method, bool may)
        {
            var compilation = TestReferences.CompileWithoutErrors("Handoffs", new[] { CSharpSyntaxTree.ParseText(Source) }, NullableContextOptions.Enable);
            var member = compilation.GetTypeByMetadataName("Helpers")!.GetMembers(method).OfType<IMethodSymbol>().Single();

            Assert.Equal(may, new ParameterHandoffs().MayHandOn(member, default));
        }

        /// <summary>The test must never pass over a method whose summary registers or unregisters a parameter.</summary>
        [Theory]
        [InlineData("samples/Drivers.Buggy")]
        [InlineData("samples/Drivers.Fixed")]
        public async Task Every_method_of_the_samples_that_registers_a_parameter_may_hand_it_on(string project)
        {
            var run = await SampleTests.SampleRun.AnalyzeAsync(project);
            var context = EngineInputs.ContextOf(run.Compilation);
            var handoffs = new ParameterHandoffs();
            var handing = 0;
            foreach (var method in run.SourceMethods)
            {
                if (context.Summaries.Get(method, LifetimeContext.SummaryDepth, default) is not { } summary
                    || (summary.RegisteredParameters.IsEmpty && summary.UnregisteredParameters.IsEmpty))
                {
                    continue;
                }

                handing++;
                Assert.True(handoffs.MayHandOn(method, default), $"{method} registers or unregisters a parameter, but its syntax was passed over");
            }

            Assert.True(handing >= 3, $"only {handing} methods found that register or unregister a parameter: the test would prove little");
        }
    }
}
