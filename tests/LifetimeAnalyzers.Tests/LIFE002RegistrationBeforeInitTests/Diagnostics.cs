using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.RegistrationBeforeInitAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE002RegistrationBeforeInitTests
{
    public class Diagnostics
    {
        internal const string Iommu = """
            using System.Collections.Generic;

            public sealed class Device { }
            public sealed class IommuGroup { public IommuGroup(Device dev) { } }
            public abstract class IommuDevice { public abstract IommuGroup DeviceGroup(Device dev); }
            public sealed class Bus
            {
                private readonly List<IommuDevice> _iommus = new();
                private readonly List<Device> _devices = new();
                public void RegisterIommu(IommuDevice iommu)
                {
                    _iommus.Add(iommu);
                    foreach (var dev in _devices) { iommu.DeviceGroup(dev); }
                }
            }

            """;

        [Fact]
        public Task Iommu_port_registers_before_the_dma_device_is_set() => Verify.VerifyAsync(Iommu + """
            public sealed class RkIommu : IommuDevice
            {
                private static Device? s_dmaDev;
                public RkIommu(Device dev, Bus bus)
                {
                    {|#0:bus.RegisterIommu(this)|};
                    {|#1:s_dmaDev ??= dev|};
                }
                public override IommuGroup DeviceGroup(Device dev) => new IommuGroup({|#2:s_dmaDev|}!);
            }
            """,
            Verify.Diagnostic("LIFE002").WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("s_dmaDev", "'bus.RegisterIommu(this)'", "RkIommu.DeviceGroup"));

        [Fact]
        public Task Callback_handed_to_a_parameter_marked_registers_before_the_field_it_reads_warns() => Verify.VerifyAsync("""
            using System;
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
            sealed class RegistersAttribute : Attribute { }
            public sealed class Irq { public void Request(int line, [Registers] Action<int> handler) { } }
            public sealed class Sensor
            {
                private readonly int[] _samples;
                public Sensor(Irq irq)
                {
                    {|LIFE002:irq.Request(5, OnInterrupt)|};
                    _samples = new int[8];
                }
                private void OnInterrupt(int line) => _samples[0] = line;
            }
            """);

        [Fact]
        public Task This_handed_to_a_method_of_a_referenced_project_marked_registers_before_the_field_it_reads_warns() => Verify.VerifyWithLibraryAsync("""
            using Framework;
            public sealed class Sensor : IListener
            {
                private readonly int[] _samples;
                public Sensor(Hub hub)
                {
                    {|LIFE002:hub.Attach(this)|};
                    _samples = new int[8];
                }
                public void Notify(int line) => _samples[0] = line;
            }
            """, """
            namespace Framework
            {
                public sealed class RegistersAttribute : System.Attribute { }
                public interface IListener { void Notify(int line); }
                public sealed class Hub { [Registers] public void Attach(IListener listener) { } }
            }
            """);

        [Fact]
        public Task Timer_started_before_the_field_its_callback_reads_warns() => Verify.VerifyAsync("""
            using System.Threading;
            public sealed class Bus { public int Read() => 0; }
            public sealed class Poller
            {
                private readonly Timer _timer;
                private readonly Bus _bus;
                public Poller(Bus bus)
                {
                    _timer = {|LIFE002:new Timer(OnTick, null, 0, 100)|};
                    _bus = bus;
                }
                private void OnTick(object? state) => _bus.Read();
            }
            """);

        [Fact]
        public Task Event_subscribed_before_the_buffer_its_handler_writes_to_is_created_warns() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            public sealed class Source { public event EventHandler<byte>? DataReceived; }
            public sealed class Reader
            {
                private readonly List<byte> _buffer;
                public Reader(Source source)
                {
                    {|LIFE002:source.DataReceived += OnData|};
                    _buffer = new List<byte>();
                }
                private void OnData(object? sender, byte b) => _buffer.Add(b);
            }
            """);

        [Fact]
        public Task Thread_started_before_the_fields_its_loop_reads_warns() => Verify.VerifyAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            public sealed class Pump
            {
                private readonly BlockingCollection<int> _queue;
                public Pump()
                {
                    {|LIFE002:new Thread(Loop) { IsBackground = true }.Start()|};
                    _queue = new BlockingCollection<int>();
                }
                private void Loop() { foreach (var item in _queue.GetConsumingEnumerable()) { } }
            }
            """);

        [Fact]
        public Task Thread_assigned_then_started_before_the_fields_its_loop_reads_warns() => Verify.VerifyAsync("""
            using System.Threading;
            public sealed class Pump
            {
                private readonly Thread _thread;
                private int[] _slots;
                public Pump()
                {
                    _thread = new Thread(Loop);
                    {|LIFE002:_thread.Start()|};
                    _slots = new int[8];
                }
                private void Loop() { _slots[0] = 1; }
            }
            """);

        [Fact]
        public Task Thread_with_an_object_initialiser_assigned_then_started_before_the_fields_its_loop_reads_warns() => Verify.VerifyAsync("""
            using System.Threading;
            public sealed class Pump
            {
                private readonly Thread _thread;
                private int[] _slots;
                public Pump()
                {
                    _thread = new Thread(Loop) { IsBackground = true, Name = "pump" };
                    {|LIFE002:_thread.Start()|};
                    _slots = new int[8];
                }
                private void Loop() { _slots[0] = 1; }
            }
            """);

        [Fact]
        public Task Task_run_in_a_constructor_before_the_queue_is_assigned_warns() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            public sealed class Worker
            {
                private readonly Queue<int> _queue;
                public Worker()
                {
                    {|LIFE002:Task.Run(() => Pump())|};
                    _queue = new Queue<int>();
                }
                private void Pump() { _queue.Clear(); }
            }
            """);

        [Fact]
        public Task Adding_this_to_a_static_registry_before_init_ends_warns() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            public interface IDriver { void Poll(); }
            public static class Registry
            {
                private static readonly List<IDriver> s_drivers = new();
                public static void Add(IDriver driver) => s_drivers.Add(driver);
            }
            public sealed class Sensor : IDriver
            {
                private int[] _samples;
                public Sensor()
                {
                    {|LIFE002:Registry.Add(this)|};
                    _samples = new int[16];
                }
                public void Poll() => _samples[0]++;
            }
            """);

        // The callbacks name neither field: they reach them through a property and an indexer of the object.
        [Theory]
        [InlineData("Gain", "Gain")]
        [InlineData("this[0]", "this[]")]
        public Task Callback_reading_a_late_field_through_the_object_own_members_warns(string read, string through) => Verify.VerifyAsync($$"""
            using System.Collections.Generic;
            public interface IDriver { int Poll(); }
            public static class Registry
            {
                private static readonly List<IDriver> s_drivers = new();
                public static void Add(IDriver driver) => s_drivers.Add(driver);
            }
            public sealed class Amplifier : IDriver
            {
                private int[] _levels;
                public Amplifier()
                {
                    {|#0:Registry.Add(this)|};
                    {|#1:_levels = new int[4]|};
                }
                private int Gain => {|#2:_levels|}[1];
                private int this[int index] => {|#3:_levels|}[index];
                public int Poll() => {{read}} + 1;
            }
            """,
            Verify.Diagnostic("LIFE002").WithLocation(0).WithLocation(1).WithLocation(through == "Gain" ? 2 : 3)
                .WithArguments("_levels", "'Registry.Add(this)'", "Amplifier." + (through == "Gain" ? "get_Gain" : "get_Item")));

        [Fact]
        public Task This_stored_in_a_static_before_init_ends_warns() => Verify.VerifyAsync("""
            public abstract class Device { public abstract int Status(); }
            public sealed class Controller : Device
            {
                public static Device? Current;
                private int[] _registers;
                public Controller()
                {
                    {|LIFE002:Current = this|};
                    _registers = new int[4];
                }
                public override int Status() => _registers[0];
            }
            """);

        [Fact]
        public Task Base_constructor_subscribing_a_virtual_handler_that_a_derived_class_overrides_warns() => Verify.VerifyAsync("""
            using System;
            public sealed class Port { public event EventHandler? Changed; }
            public class DeviceBase
            {
                protected DeviceBase(Port port) { {|#1:port.Changed += OnChanged|}; }
                protected virtual void OnChanged(object? sender, EventArgs e) { }
            }
            public sealed class Thermometer : DeviceBase
            {
                private readonly double[] _calibration;
                public Thermometer(Port port) : base(port)
                {
                    {|#0:_calibration = new double[3]|};
                }
                protected override void OnChanged(object? sender, EventArgs e) => Console.WriteLine({|#2:_calibration|}[0]);
            }
            """,
            Verify.Diagnostic("LIFE002").WithLocation(0).WithLocation(0).WithLocation(2).WithLocation(1)
                .WithArguments("_calibration", "the base constructor's 'port.Changed += OnChanged'", "Thermometer.OnChanged"));

        [Fact]
        public Task Init_method_registering_before_assigning_warns() => Verify.VerifyAsync("""
            using System;
            public sealed class Port { public event EventHandler? Changed; }
            public sealed class Driver
            {
                private string? _name;
                public void Initialize(Port port)
                {
                    {|LIFE002:port.Changed += (s, e) => Console.WriteLine(_name!.Length)|};
                    _name = "driver";
                }
            }
            """);

        // The assignment is written before the registration, and runs after it on the loop's next round.
        [Fact]
        public Task Assignment_written_before_a_registration_in_a_loop_warns() => Verify.VerifyAsync("""
            using System;
            public sealed class Source { public event Action? Changed; }
            public sealed class Watcher
            {
                private string _name = "";
                public Watcher(Source[] sources)
                {
                    for (var i = 0; i < sources.Length; i++)
                    {
                        if (i > 0)
                        {
                            {|#1:_name = "watcher " + i|};
                        }

                        {|#0:sources[i].Changed += OnChanged|};
                    }
                }
                private void OnChanged() => Console.WriteLine({|#2:_name|}.Length);
            }
            """,
            Verify.Diagnostic("LIFE002").WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_name", "'sources[i].Changed += OnChanged'", "Watcher.OnChanged"));
    }
}
