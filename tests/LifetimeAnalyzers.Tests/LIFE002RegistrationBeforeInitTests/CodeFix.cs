using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.RegistrationBeforeInitAnalyzer, LifetimeAnalyzers.CodeFixes.RegisterAfterInitFix>;

namespace LifetimeAnalyzers.Tests.LIFE002RegistrationBeforeInitTests
{
    public class CodeFix
    {
        [Fact]
        public Task Iommu_registration_moves_after_the_dma_device_is_set() => Verify.VerifyAsync(Diagnostics.Iommu + """
            public sealed class RkIommu : IommuDevice
            {
                private static Device? s_dmaDev;
                public RkIommu(Device dev, Bus bus)
                {
                    {|LIFE002:bus.RegisterIommu(this)|};
                    s_dmaDev ??= dev;
                }
                public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
            }
            """, Diagnostics.Iommu + """
            public sealed class RkIommu : IommuDevice
            {
                private static Device? s_dmaDev;
                public RkIommu(Device dev, Bus bus)
                {
                    s_dmaDev ??= dev;
                    bus.RegisterIommu(this);
                }
                public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
            }
            """);

        private const string Poller = """
            using System;
            using System.Threading;
            public sealed class Port { public event EventHandler? Changed; public int Read() => 0; }
            public sealed class Poller
            {
                private readonly Timer _timer;
                private readonly Port _port;
                private int[] _history;
                private string _name;
                public Poller(Port port, Port other)
                {
            {0}
                }
                private void OnTick(object? state) => _history[0] = _port.Read();
                private void OnChanged(object? sender, EventArgs e) => _history[1] = 1;
                public override string ToString() => _name;
            }
            """;

        [Fact]
        public Task Registrations_move_after_the_last_late_assignment_and_FixAll_keeps_their_order() => Verify.VerifyAsync(
            Poller.Replace("{0}", """
                    _timer = {|LIFE002:new Timer(OnTick, null, 0, 100)|};
                    {|LIFE002:other.Changed += OnChanged|};
                    _port = port;
                    _history = new int[8];
                    _name = "poller";
            """),
            // One at a time, each registration lands right after the assignment; the second fixed lands first.
            Poller.Replace("{0}", """
                    _port = port;
                    _history = new int[8];
                    other.Changed += OnChanged;
                    _timer = new Timer(OnTick, null, 0, 100);
                    _name = "poller";
            """),
            Poller.Replace("{0}", """
                    _port = port;
                    _history = new int[8];
                    _timer = new Timer(OnTick, null, 0, 100);
                    other.Changed += OnChanged;
                    _name = "poller";
            """),
            nameof(RegisterAfterInitFix));

        [Fact]
        public Task Not_offered_when_a_statement_in_between_uses_what_the_registration_produced() => Verify.VerifyNotOfferedAsync("""
            using System.Threading;
            public sealed class Bus { public int Read() => 0; }
            public sealed class Poller
            {
                private readonly Timer _timer;
                private Bus _bus;
                public Poller(Bus bus)
                {
                    _timer = {|LIFE002:new Timer(OnTick, null, 0, 100)|};
                    _timer.Change(10, 100);
                    _bus = bus;
                }
                private void OnTick(object? state) => _bus.Read();
            }
            """, nameof(RegisterAfterInitFix));

        [Fact]
        public Task Not_offered_when_a_statement_in_between_talks_to_the_registry() => Verify.VerifyNotOfferedAsync(Diagnostics.Iommu + """
            public sealed class RkIommu : IommuDevice
            {
                private static Device? s_dmaDev;
                public RkIommu(Device dev, Bus bus)
                {
                    {|LIFE002:bus.RegisterIommu(this)|};
                    s_dmaDev ??= bus.ToString() == "" ? dev : dev;
                }
                public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
            }
            """, nameof(RegisterAfterInitFix));

        [Fact]
        public Task Not_offered_when_a_statement_in_between_may_return() => Verify.VerifyNotOfferedAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Reader
            {
                private string? _name;
                public void Initialize(Source source, bool quiet)
                {
                    {|LIFE002:source.Changed += (s, e) => Console.WriteLine(_name!.Length)|};
                    if (quiet) return;
                    _name = "reader";
                }
            }
            """, nameof(RegisterAfterInitFix));
    }
}
