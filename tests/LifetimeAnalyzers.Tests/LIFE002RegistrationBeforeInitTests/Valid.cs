using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.RegistrationBeforeInitAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE002RegistrationBeforeInitTests
{
    public class Valid
    {
        [Fact]
        public Task Iommu_port_fixed_registers_last() => Verify.VerifyAsync(Diagnostics.Iommu + """
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

        [Fact]
        public Task Fields_set_by_initialisers_are_ready_before_the_constructor_body() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            public sealed class Source { public event EventHandler<byte>? DataReceived; }
            public sealed class Reader
            {
                private readonly List<byte> _buffer = new();
                private int _count;
                public Reader(Source source)
                {
                    source.DataReceived += OnData;
                    _count = 0;
                }
                private void OnData(object? sender, byte b) => _buffer.Add(b);
            }
            """);

        [Fact]
        public Task Thread_with_an_object_initialiser_started_after_the_fields_its_loop_reads_is_silent() => Verify.VerifyAsync("""
            using System.Threading;
            public sealed class Pump
            {
                private readonly Thread _thread;
                private int[] _slots;
                public Pump()
                {
                    _thread = new Thread(Loop) { IsBackground = true, Name = "pump" };
                    _slots = new int[8];
                    _thread.Start();
                }
                private void Loop() { _slots[0] = 1; }
            }
            """);

        [Fact]
        public Task Assignment_after_registration_to_a_field_no_callback_reads_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Reader
            {
                private int _changes;
                private readonly string _name;
                public Reader(Source source, string name)
                {
                    source.Changed += OnChanged;
                    _name = name;
                }
                private void OnChanged(object? sender, EventArgs e) => _changes++;
                public override string ToString() => _name;
            }
            """);

        [Fact]
        public Task Timer_created_stopped_and_started_after_initialisation_is_silent() => Verify.VerifyAsync("""
            using System.Threading;
            public sealed class Bus { public int Read() => 0; }
            public sealed class Poller
            {
                private readonly Timer _timer;
                private readonly Bus _bus;
                public Poller(Bus bus)
                {
                    _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
                    _bus = bus;
                    _timer.Change(0, 100);
                }
                private void OnTick(object? state) => _bus.Read();
            }
            """);

        [Fact]
        public Task Registration_of_a_different_object_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Child { public void OnChanged(object? s, EventArgs e) { } }
            public sealed class Parent
            {
                private readonly Child _child = new();
                private int _state;
                public Parent(Source source)
                {
                    source.Changed += _child.OnChanged;
                    _state = 1;
                }
                public int State => _state;
            }
            """);

        [Fact]
        public Task Static_handler_that_captures_nothing_of_this_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Reader
            {
                private static int s_seen;
                private int _count;
                public Reader(Source source)
                {
                    source.Changed += OnChanged;
                    source.Changed += (s, e) => Console.WriteLine("changed");
                    _count = 1;
                }
                private static void OnChanged(object? sender, EventArgs e) => s_seen++;
                public int Count => _count;
            }
            """);

        [Fact]
        public Task Sealed_type_whose_constructor_registers_last_is_silent() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading;
            public sealed class Sampler
            {
                private readonly List<int> _samples;
                private readonly Timer _timer;
                public Sampler()
                {
                    _samples = new List<int>();
                    _timer = new Timer(_ => _samples.Add(1), null, 0, 10);
                }
            }
            """);

        [Fact]
        public Task Registration_in_one_branch_and_assignment_in_the_other_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Reader
            {
                private string? _name;
                public Reader(Source source, bool quiet)
                {
                    if (quiet) { _name = "quiet"; }
                    else { source.Changed += (s, e) => Console.WriteLine(_name); }
                }
            }
            """);

        [Fact]
        public Task Subscribing_to_an_own_event_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Reader
            {
                public event EventHandler? Changed;
                private string? _name;
                public Reader()
                {
                    Changed += OnChanged;
                    _name = "reader";
                }
                private void OnChanged(object? s, EventArgs e) => Console.WriteLine(_name);
            }
            """);

        [Fact]
        public Task Adding_to_a_local_list_is_not_a_registration() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            public interface IDriver { void Poll(); }
            public sealed class Sensor : IDriver
            {
                private int[] _samples;
                public Sensor()
                {
                    var local = new List<IDriver>();
                    local.Add(this);
                    _samples = new int[16];
                }
                public void Poll() => _samples[0]++;
            }
            """);

        [Fact]
        public Task Assigning_the_default_value_late_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Bus { public event Action<int>? MessageReceived; }
            public sealed class Remote
            {
                public bool Available { get; private set; }
                public Remote(Bus bus)
                {
                    bus.MessageReceived += OnMessage;
                    Available = false;
                }
                private void OnMessage(int message) { if (!Available) Available = message != 0; }
            }
            """);

        // Only the other branch assigns after the registration is written: no path runs the assignment after it.
        [Fact]
        public Task Assignment_in_the_other_branch_of_the_registration_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event Action? Changed; }
            public sealed class Watcher
            {
                private string _name = "";
                public Watcher(Source source, bool listen)
                {
                    if (listen)
                    {
                        source.Changed += OnChanged;
                    }
                    else
                    {
                        _name = "idle";
                    }
                }
                private void OnChanged() => Console.WriteLine(_name.Length);
            }
            """);

        // The registering branch returns: the assignment after the if runs only where nothing was registered.
        [Fact]
        public Task Registration_in_a_branch_that_returns_before_the_assignment_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event Action? Changed; }
            public sealed class Watcher
            {
                private string _name = "";
                public Watcher(Source source, bool listen)
                {
                    if (listen)
                    {
                        source.Changed += OnChanged;
                        return;
                    }

                    _name = "idle";
                }
                private void OnChanged() => Console.WriteLine(_name.Length);
            }
            """);
    }
}
