using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes.LifecycleSplit;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.RefactoringVerifier<LifetimeAnalyzers.CodeFixes.LifecycleSplit.LifecycleSplitRefactoring>;

namespace LifetimeAnalyzers.Tests.LifecycleSplitTests
{
    /// <summary>The split on the shapes driver code takes: events, timers, a worker thread, owned resources.</summary>
    public sealed class Refactoring
    {
        [Fact]
        public Task Event_subscription_moves_to_register_and_its_removal_to_unregister() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class Sensor
                    {
                        public event EventHandler? Changed;

                        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class [|SensorLogger|] : IDisposable
                    {
                        private readonly Sensor _sensor;
                        private readonly StreamWriter _log;

                        public SensorLogger(Sensor sensor, string path)
                        {
                            _sensor = sensor;
                            _sensor.Changed += OnChanged;
                            _log = new StreamWriter(path);
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose()
                        {
                            _log.Dispose();
                        }
                    }

                    public static class Program
                    {
                        public static void Run(Sensor sensor)
                        {
                            using var logger = new SensorLogger(sensor, "sensor.log");
                            sensor.Raise();
                        }
                    }
                }
                """,
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class Sensor
                    {
                        public event EventHandler? Changed;

                        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class SensorLogger : IDisposable
                    {
                        private readonly Sensor _sensor;
                        private readonly StreamWriter _log;

                        public static SensorLogger Create(Sensor sensor, string path)
                        {
                            var instance = new SensorLogger(sensor, path);
                            instance.Register();
                            return instance;
                        }

                        private SensorLogger(Sensor sensor, string path)
                        {
                            _sensor = sensor;
                            _log = new StreamWriter(path);
                        }

                        private void Register()
                        {
                            _sensor.Changed += OnChanged;
                        }

                        private void Unregister()
                        {
                            _sensor.Changed -= OnChanged;
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose()
                        {
                            Unregister();
                            _log.Dispose();
                        }
                    }

                    public static class Program
                    {
                        public static void Run(Sensor sensor)
                        {
                            using var logger = SensorLogger.Create(sensor, "sensor.log");
                            sensor.Raise();
                        }
                    }
                }
                """,
                "LIFE002", "LIFE003");

        [Fact]
        public Task Timer_created_running_is_created_stopped_and_started_by_register() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class [|Heartbeat|] : IDisposable
                    {
                        private readonly Timer _timer;
                        private readonly FileStream _port;

                        public Heartbeat(string portName, int periodMs)
                        {
                            _timer = new Timer(OnTick, null, 0, periodMs);
                            _port = new FileStream(portName, FileMode.Open);
                        }

                        private void OnTick(object? state) => _port.WriteByte(0x55);

                        public void Dispose()
                        {
                            _port.Dispose();
                            _timer.Dispose();
                        }
                    }

                    public static class Program
                    {
                        public static Heartbeat Start() => new Heartbeat("/dev/ttyS0", 1000);
                    }
                }
                """,
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class Heartbeat : IDisposable
                    {
                        private readonly Timer _timer;
                        private readonly FileStream _port;

                        public static Heartbeat Create(string portName, int periodMs)
                        {
                            var instance = new Heartbeat(portName, periodMs);
                            instance.Register(periodMs);
                            return instance;
                        }

                        private Heartbeat(string portName, int periodMs)
                        {
                            _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
                            _port = new FileStream(portName, FileMode.Open);
                        }

                        private void Register(int periodMs)
                        {
                            _timer.Change(0, periodMs);
                        }

                        private void Unregister()
                        {
                            _timer.Dispose();
                        }

                        private void OnTick(object? state) => _port.WriteByte(0x55);

                        public void Dispose()
                        {
                            Unregister();
                            _port.Dispose();
                        }
                    }

                    public static class Program
                    {
                        public static Heartbeat Start() => Heartbeat.Create("/dev/ttyS0", 1000);
                    }
                }
                """,
                "LIFE002", "LIFE003");

        [Fact]
        public Task Worker_thread_starts_in_register_and_is_stopped_and_joined_in_unregister() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class [|Poller|] : IDisposable
                    {
                        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                        private readonly Thread _worker;
                        private readonly FileStream _device;

                        public Poller(string path)
                        {
                            _worker = new Thread(Poll) { IsBackground = true };
                            _worker.Start();
                            _device = new FileStream(path, FileMode.Open);
                        }

                        private void Poll()
                        {
                            while (!_stop.IsCancellationRequested)
                            {
                                _device.ReadByte();
                            }
                        }

                        public void Dispose()
                        {
                            _device.Dispose();
                            _stop.Cancel();
                            _worker.Join();
                        }
                    }

                    public static class Program
                    {
                        public static void Run()
                        {
                            using var poller = new Poller("/dev/sensor0");
                        }
                    }
                }
                """,
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class Poller : IDisposable
                    {
                        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                        private readonly Thread _worker;
                        private readonly FileStream _device;

                        public static Poller Create(string path)
                        {
                            var instance = new Poller(path);
                            instance.Register();
                            return instance;
                        }

                        private Poller(string path)
                        {
                            _worker = new Thread(Poll) { IsBackground = true };
                            _device = new FileStream(path, FileMode.Open);
                        }

                        private void Register()
                        {
                            _worker.Start();
                        }

                        private void Unregister()
                        {
                            _stop.Cancel();
                            _worker.Join();
                        }

                        private void Poll()
                        {
                            while (!_stop.IsCancellationRequested)
                            {
                                _device.ReadByte();
                            }
                        }

                        public void Dispose()
                        {
                            Unregister();
                            _device.Dispose();
                            _stop.Dispose();
                        }
                    }

                    public static class Program
                    {
                        public static void Run()
                        {
                            using var poller = Poller.Create("/dev/sensor0");
                        }
                    }
                }
                """,
                "LIFE002", "LIFE003");

        [Fact]
        public Task Owned_resources_are_released_newest_first_by_a_new_Dispose() =>
            Verify.VerifyAsync(
                """
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class [|EepromImage|]
                    {
                        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                        private readonly FileStream _backing;

                        public EepromImage(string path)
                        {
                            _backing = new FileStream(path, FileMode.Open);
                        }

                        public int ReadByte()
                        {
                            _gate.Wait();
                            try
                            {
                                return _backing.ReadByte();
                            }
                            finally
                            {
                                _gate.Release();
                            }
                        }
                    }
                }
                """,
                """
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class EepromImage : System.IDisposable
                    {
                        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                        private readonly FileStream _backing;

                        public EepromImage(string path)
                        {
                            _backing = new FileStream(path, FileMode.Open);
                        }

                        public int ReadByte()
                        {
                            _gate.Wait();
                            try
                            {
                                return _backing.ReadByte();
                            }
                            finally
                            {
                                _gate.Release();
                            }
                        }

                        public void Dispose()
                        {
                            _backing.Dispose();
                            _gate.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task A_disposable_handed_to_another_object_is_left_to_it() =>
            Verify.VerifyAsync(
                """
                using System.IO;

                namespace Drivers
                {
                    public sealed class [|EepromImage|]
                    {
                        private readonly FileStream _backing;
                        private readonly BinaryReader _reader;

                        public EepromImage(string path)
                        {
                            _backing = new FileStream(path, FileMode.Open);
                            _reader = new BinaryReader(_backing);
                        }

                        public byte ReadByte() => _reader.ReadByte();
                    }
                }
                """,
                """
                using System.IO;

                namespace Drivers
                {
                    public sealed class EepromImage : System.IDisposable
                    {
                        private readonly FileStream _backing;
                        private readonly BinaryReader _reader;

                        public EepromImage(string path)
                        {
                            _backing = new FileStream(path, FileMode.Open);
                            _reader = new BinaryReader(_backing);
                        }

                        public byte ReadByte() => _reader.ReadByte();

                        public void Dispose()
                        {
                            _reader.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task Dispose_bool_unregisters_first_inside_its_disposing_block() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class PowerSupply
                    {
                        public event EventHandler? Brownout;

                        public void Raise() => Brownout?.Invoke(this, EventArgs.Empty);
                    }

                    public class [|BrownoutRecorder|] : IDisposable
                    {
                        private readonly PowerSupply _supply;
                        private readonly StreamWriter _journal;
                        private bool _disposed;

                        public BrownoutRecorder(PowerSupply supply, string path)
                        {
                            _supply = supply;
                            _journal = new StreamWriter(path);
                            _supply.Brownout += OnBrownout;
                        }

                        private void OnBrownout(object? sender, EventArgs e) => _journal.WriteLine(DateTime.UtcNow);

                        protected virtual void Dispose(bool disposing)
                        {
                            if (_disposed)
                            {
                                return;
                            }

                            if (disposing)
                            {
                                _journal.Dispose();
                                _supply.Brownout -= OnBrownout;
                            }

                            _disposed = true;
                        }

                        public void Dispose()
                        {
                            Dispose(true);
                            GC.SuppressFinalize(this);
                        }
                    }
                }
                """,
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class PowerSupply
                    {
                        public event EventHandler? Brownout;

                        public void Raise() => Brownout?.Invoke(this, EventArgs.Empty);
                    }

                    public class BrownoutRecorder : IDisposable
                    {
                        private readonly PowerSupply _supply;
                        private readonly StreamWriter _journal;
                        private bool _disposed;

                        public static BrownoutRecorder Create(PowerSupply supply, string path)
                        {
                            var instance = new BrownoutRecorder(supply, path);
                            instance.Register();
                            return instance;
                        }

                        private BrownoutRecorder(PowerSupply supply, string path)
                        {
                            _supply = supply;
                            _journal = new StreamWriter(path);
                        }

                        private void Register()
                        {
                            _supply.Brownout += OnBrownout;
                        }

                        private void Unregister()
                        {
                            _supply.Brownout -= OnBrownout;
                        }

                        private void OnBrownout(object? sender, EventArgs e) => _journal.WriteLine(DateTime.UtcNow);

                        protected virtual void Dispose(bool disposing)
                        {
                            if (_disposed)
                            {
                                return;
                            }

                            if (disposing)
                            {
                                Unregister();
                                _journal.Dispose();
                            }

                            _disposed = true;
                        }

                        public void Dispose()
                        {
                            Dispose(true);
                            GC.SuppressFinalize(this);
                        }
                    }
                }
                """,
                "LIFE003");

        [Fact]
        public Task Self_registration_with_a_paired_remove_gets_an_unregister_and_a_Dispose() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.Collections.Generic;

                namespace Drivers
                {
                    public interface IPlugin
                    {
                        void Handle(string command);
                    }

                    public static class PluginHost
                    {
                        private static readonly List<IPlugin> s_plugins = new List<IPlugin>();

                        public static void Add(IPlugin plugin) => s_plugins.Add(plugin);

                        public static void Remove(IPlugin plugin) => s_plugins.Remove(plugin);

                        public static void Dispatch(string command) => s_plugins.ForEach(p => p.Handle(command));
                    }

                    public sealed class [|EchoPlugin|] : IPlugin
                    {
                        private readonly Dictionary<string, string> _replies;

                        public EchoPlugin()
                        {
                            PluginHost.Add(this);
                            _replies = new Dictionary<string, string> { ["ping"] = "pong" };
                        }

                        public void Handle(string command) => Console.WriteLine(_replies[command]);
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;

                namespace Drivers
                {
                    public interface IPlugin
                    {
                        void Handle(string command);
                    }

                    public static class PluginHost
                    {
                        private static readonly List<IPlugin> s_plugins = new List<IPlugin>();

                        public static void Add(IPlugin plugin) => s_plugins.Add(plugin);

                        public static void Remove(IPlugin plugin) => s_plugins.Remove(plugin);

                        public static void Dispatch(string command) => s_plugins.ForEach(p => p.Handle(command));
                    }

                    public sealed class EchoPlugin : IPlugin, IDisposable
                    {
                        private readonly Dictionary<string, string> _replies;

                        public static EchoPlugin Create()
                        {
                            var instance = new EchoPlugin();
                            instance.Register();
                            return instance;
                        }

                        private EchoPlugin()
                        {
                            _replies = new Dictionary<string, string> { ["ping"] = "pong" };
                        }

                        private void Register()
                        {
                            PluginHost.Add(this);
                        }

                        private void Unregister()
                        {
                            PluginHost.Remove(this);
                        }

                        public void Handle(string command) => Console.WriteLine(_replies[command]);

                        public void Dispose()
                        {
                            Unregister();
                        }
                    }
                }
                """,
                "LIFE002");

        [Fact]
        public Task Undo_steps_that_await_form_an_async_unregister() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Drivers
                {
                    public sealed class [|Heartbeat|] : IAsyncDisposable
                    {
                        private readonly Stream _port;
                        private readonly Timer _timer;

                        public Heartbeat(Stream port)
                        {
                            _timer = new Timer(Beat, null, 0, 1000);
                            _port = port;
                        }

                        private void Beat(object? state) => _port.WriteByte(0x55);

                        public async ValueTask DisposeAsync()
                        {
                            await _port.DisposeAsync();
                            await _timer.DisposeAsync();
                        }
                    }
                }
                """,
                """
                using System;
                using System.IO;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Drivers
                {
                    public sealed class Heartbeat : IAsyncDisposable
                    {
                        private readonly Stream _port;
                        private readonly Timer _timer;

                        public static Heartbeat Create(Stream port)
                        {
                            var instance = new Heartbeat(port);
                            instance.Register();
                            return instance;
                        }

                        private Heartbeat(Stream port)
                        {
                            _timer = new Timer(Beat, null, Timeout.Infinite, Timeout.Infinite);
                            _port = port;
                        }

                        private void Register()
                        {
                            _timer.Change(0, 1000);
                        }

                        private async Task UnregisterAsync()
                        {
                            await _timer.DisposeAsync();
                        }

                        private void Beat(object? state) => _port.WriteByte(0x55);

                        public async ValueTask DisposeAsync()
                        {
                            await UnregisterAsync();
                            await _port.DisposeAsync();
                        }
                    }
                }
                """,
                "LIFE002", "LIFE003");

        [Fact]
        public Task Registration_inside_a_branch_moves_with_its_branch() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class Sensor
                    {
                        public event EventHandler? Changed;

                        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class [|Logger|]
                    {
                        private readonly Sensor _sensor;
                        private readonly StreamWriter _log;

                        public Logger(Sensor sensor, string path, bool live)
                        {
                            _sensor = sensor;
                            if (live)
                            {
                                _sensor.Changed += OnChanged;
                            }

                            _log = new StreamWriter(path);
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");
                    }
                }
                """,
                """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class Sensor
                    {
                        public event EventHandler? Changed;

                        public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class Logger : IDisposable
                    {
                        private readonly Sensor _sensor;
                        private readonly StreamWriter _log;

                        public static Logger Create(Sensor sensor, string path, bool live)
                        {
                            var instance = new Logger(sensor, path, live);
                            instance.Register(live);
                            return instance;
                        }

                        private Logger(Sensor sensor, string path, bool live)
                        {
                            _sensor = sensor;

                            _log = new StreamWriter(path);
                        }

                        private void Register(bool live)
                        {
                            if (live)
                            {
                                _sensor.Changed += OnChanged;
                            }
                        }

                        private void Unregister()
                        {
                            _sensor.Changed -= OnChanged;
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose()
                        {
                            Unregister();
                            _log.Dispose();
                        }
                    }
                }
                """,
                "LIFE002");

        [Fact]
        public Task Teardown_that_stops_through_its_own_helper_calls_it_first() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class [|Receiver|] : IDisposable
                    {
                        private readonly Stream _link;
                        private Thread? _reader;
                        private volatile bool _running;

                        public Receiver(Stream link)
                        {
                            _link = link;
                        }

                        public void Start()
                        {
                            _running = true;
                            _reader = new Thread(Pump);
                            _reader.Start();
                        }

                        private void Pump()
                        {
                            while (_running)
                            {
                                _link.ReadByte();
                            }
                        }

                        private void StopReader()
                        {
                            _running = false;
                            _reader?.Join();
                        }

                        public void Dispose()
                        {
                            _link.Dispose();
                            StopReader();
                        }
                    }
                }
                """,
                """
                using System;
                using System.IO;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class Receiver : IDisposable
                    {
                        private readonly Stream _link;
                        private Thread? _reader;
                        private volatile bool _running;

                        public Receiver(Stream link)
                        {
                            _link = link;
                        }

                        public void Start()
                        {
                            _running = true;
                            _reader = new Thread(Pump);
                            _reader.Start();
                        }

                        private void Pump()
                        {
                            while (_running)
                            {
                                _link.ReadByte();
                            }
                        }

                        private void StopReader()
                        {
                            _running = false;
                            _reader?.Join();
                        }

                        public void Dispose()
                        {
                            StopReader();
                            _link.Dispose();
                        }
                    }
                }
                """,
                "LIFE003");

        [Fact]
        public Task Generic_class_keeps_its_type_arguments_in_the_factory_and_at_its_construction_sites() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.Collections.Generic;

                namespace Drivers
                {
                    public sealed class Bus
                    {
                        public event EventHandler? Tick;

                        public void Raise() => Tick?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class [|Sampler|]<T>
                        where T : new()
                    {
                        private readonly Bus _bus;
                        private readonly List<T> _samples;

                        public Sampler(Bus bus)
                        {
                            _bus = bus;
                            _bus.Tick += OnTick;
                            _samples = new List<T>();
                        }

                        private void OnTick(object? sender, EventArgs e) => _samples.Add(new T());
                    }

                    public static class Program
                    {
                        public static Sampler<int> Start(Bus bus) => new Sampler<int>(bus);
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;

                namespace Drivers
                {
                    public sealed class Bus
                    {
                        public event EventHandler? Tick;

                        public void Raise() => Tick?.Invoke(this, EventArgs.Empty);
                    }

                    public sealed class Sampler<T> : IDisposable
                        where T : new()
                    {
                        private readonly Bus _bus;
                        private readonly List<T> _samples;

                        public static Sampler<T> Create(Bus bus)
                        {
                            var instance = new Sampler<T>(bus);
                            instance.Register();
                            return instance;
                        }

                        private Sampler(Bus bus)
                        {
                            _bus = bus;
                            _samples = new List<T>();
                        }

                        private void Register()
                        {
                            _bus.Tick += OnTick;
                        }

                        private void Unregister()
                        {
                            _bus.Tick -= OnTick;
                        }

                        private void OnTick(object? sender, EventArgs e) => _samples.Add(new T());

                        public void Dispose()
                        {
                            Unregister();
                        }
                    }

                    public static class Program
                    {
                        public static Sampler<int> Start(Bus bus) => Sampler<int>.Create(bus);
                    }
                }
                """,
                "LIFE002");

        // Watchdogs.UnregisterDog needs the name the constructor was given, which Unregister does not have: it is not guessed.
        [Fact]
        public Task TimeSpan_timer_is_created_stopped_and_an_undo_needing_a_constructor_argument_is_not_written() =>
            Verify.VerifyAsync(
                """
                using System;
                using System.Collections.Generic;
                using System.Threading;

                namespace Drivers
                {
                    public static class Watchdogs
                    {
                        private static readonly List<Watchdog> s_dogs = new List<Watchdog>();

                        public static void RegisterDog(Watchdog dog, string name) => s_dogs.Add(dog);

                        public static void UnregisterDog(Watchdog dog, string name) => s_dogs.Remove(dog);
                    }

                    public sealed class [|Watchdog|] : IDisposable
                    {
                        private readonly Timer _timer;
                        private readonly Action _onExpired;

                        public Watchdog(TimeSpan period, Action onExpired, string name)
                        {
                            _timer = new Timer(Expire, null, period, period);
                            Watchdogs.RegisterDog(this, name);
                            _onExpired = onExpired;
                        }

                        private void Expire(object? state) => _onExpired();

                        public void Dispose()
                        {
                            _timer.Dispose();
                        }
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using System.Threading;

                namespace Drivers
                {
                    public static class Watchdogs
                    {
                        private static readonly List<Watchdog> s_dogs = new List<Watchdog>();

                        public static void RegisterDog(Watchdog dog, string name) => s_dogs.Add(dog);

                        public static void UnregisterDog(Watchdog dog, string name) => s_dogs.Remove(dog);
                    }

                    public sealed class Watchdog : IDisposable
                    {
                        private readonly Timer _timer;
                        private readonly Action _onExpired;

                        public static Watchdog Create(TimeSpan period, Action onExpired, string name)
                        {
                            var instance = new Watchdog(period, onExpired, name);
                            instance.Register(period, name);
                            return instance;
                        }

                        private Watchdog(TimeSpan period, Action onExpired, string name)
                        {
                            _timer = new Timer(Expire, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                            _onExpired = onExpired;
                        }

                        private void Register(TimeSpan period, string name)
                        {
                            _timer.Change(period, period);
                            Watchdogs.RegisterDog(this, name);
                        }

                        private void Unregister()
                        {
                            _timer.Dispose();
                        }

                        private void Expire(object? state) => _onExpired();

                        public void Dispose()
                        {
                            Unregister();
                        }
                    }
                }
                """,
                "LIFE002");
    }
}
