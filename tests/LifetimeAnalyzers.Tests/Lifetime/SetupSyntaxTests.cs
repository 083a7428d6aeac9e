using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Samples;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Which members are worth binding to find a type's registrations and dependent fields, told from their syntax.</summary>
    public class SetupSyntaxTests
    {
        private const string Source = @"
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
class Bus
{
    public event EventHandler? Changed;
    public void Attach(object client) { }
    public Bus Fork() => new Bus();
}
class Base
{
    protected void OnBaseTick(object? state) { }
}
class Device : Base
{
    public static Device? Instance;
    private readonly Bus _bus = new Bus();
    private Stream _stream = Stream.Null;
    private StreamReader? _reader;
    private Timer? _timer;
    private Thread? _worker;
    private byte[] _buffer = new byte[4];
    private Bus? _spare;
    private int _count;

    void Attach() { _bus.Attach(this); }
    void Publish() { Instance = this; }
    void Subscribe() { _bus.Changed += OnChanged; }
    void StartTimer() { _timer = new Timer(Tick, null, 0, 100); }
    void StartBaseTimer() { _timer = new Timer(OnBaseTick, null, 0, 100); }
    void QueueOnBase() { ThreadPool.QueueUserWorkItem(base.OnBaseTick); }
    void RunLater() { Task.Run(() => _count++); }
    void CreateWorker() { _worker = new Thread(Loop); }
    void StartWorker() { _worker?.Start(); }
    void Resume() { _timer!.Change(0, 100); }
    void OpenReader() { _reader = new StreamReader(_stream); }
    void Derive() { _spare = (Bus)_bus.Fork(); }
    void DeriveAs() { _spare = _bus.Fork() as Bus; }

    void Count() { _count++; Log(""count""); }
    int Compute() { var twice = Twice(_count); return twice; }
    void Clear() { _buffer = new byte[16]; _count = 0; }
    void Fresh() { _spare = new Bus(); }
    void Other(Device other) { other.Count(); }

    void OnChanged(object? sender, EventArgs e) { }
    void Tick(object? state) { }
    void Loop() { }
    int Twice(int value) => value * 2;
    void Log(string text) { }
}";

        [Theory]
        [InlineData("Attach", true)]
        [InlineData("Publish", true)]
        [InlineData("Subscribe", true)]
        [InlineData("StartTimer", true)]
        [InlineData("StartBaseTimer", true)]
        [InlineData("QueueOnBase", true)]
        [InlineData("RunLater", true)]
        [InlineData("CreateWorker", true)]
        [InlineData("StartWorker", true)]
        [InlineData("Resume", true)]
        [InlineData("OpenReader", true)]
        [InlineData("Derive", true)]
        [InlineData("DeriveAs", true)]
        [InlineData("Count", false)]
        [InlineData("Compute", false)]
        [InlineData("Clear", false)]
        [InlineData("Fresh", false)]
        [InlineData("Other", false)]
        public void A_member_may_set_up_only_through_what_registers_or_builds_a_field(string method, bool may)
        {
            var compilation = TestReferences.CompileWithoutErrors("Setup", new[] { CSharpSyntaxTree.ParseText(Source) }, NullableContextOptions.Enable);
            var device = compilation.GetTypeByMetadataName("Device")!;
            var member = device.GetMembers(method).OfType<IMethodSymbol>().Single();

            Assert.Equal(may, new SetupSyntax(device).MaySetUp(member.DeclaringSyntaxReferences.Single().GetSyntax()));
        }

        /// <summary>The test must never pass over a member in which the bound search finds a registration.</summary>
        [Theory]
        [InlineData("samples/Drivers.Buggy")]
        [InlineData("samples/Drivers.Fixed")]
        public async Task Every_member_of_the_samples_that_registers_may_set_up(string project)
        {
            var run = await SampleTests.SampleRun.AnalyzeAsync(project);
            var context = LifetimeContext.For(run.Compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
            var registering = 0;
            foreach (var method in run.SourceMethods)
            {
                if (MethodBodies.Get(method, run.Compilation, default) is not { } body || Registrations.InBody(body, context, default).IsEmpty)
                {
                    continue;
                }

                registering++;
                Assert.True(new SetupSyntax(method.ContainingType).MaySetUp(method.DeclaringSyntaxReferences.Single().GetSyntax()), $"{method} registers, but its syntax was passed over");
            }

            Assert.True(registering >= 3, $"only {registering} registering members found: the test would prove little");
        }
    }
}
