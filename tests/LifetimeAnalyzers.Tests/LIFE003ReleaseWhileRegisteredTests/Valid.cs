using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.ReleaseWhileRegisteredAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE003ReleaseWhileRegisteredTests
{
    public class Valid
    {
        [Fact]
        public Task Rpmsg_port_fixed_closes_the_endpoint_first() => Verify.VerifyAsync(Diagnostics.Rpmsg + """
            public sealed class RpmsgTty : IDisposable
            {
                private SharedMemory? _shm;
                private readonly Endpoint _ept;
                public RpmsgTty(RemoteProc rproc) { _shm = rproc.MapShared(); _ept = rproc.CreateEndpoint(OnReceive); }
                private void OnReceive(ReadOnlySpan<byte> msg) => _shm!.Write(msg);
                public void Dispose() { _ept.Dispose(); _shm!.Dispose(); _shm = null; }
            }
            """);

        [Fact]
        public Task Unsubscribe_first_then_release_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Device : IDisposable { public event EventHandler? Changed; public int Read() => 0; public void Dispose() { } }
            public sealed class Mirror : IDisposable
            {
                private readonly Device _device;
                private readonly Device _device2;
                public Mirror(Device device, Device device2)
                {
                    _device = device;
                    _device2 = device2;
                    _device2.Changed += OnChanged;
                }
                private void OnChanged(object? sender, EventArgs e) => Console.WriteLine(_device.Read());
                public void Dispose()
                {
                    _device2.Changed -= OnChanged;
                    _device.Dispose();
                }
            }
            """);

        [Fact]
        public Task Thread_the_constructor_created_and_Start_started_joined_before_the_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Receiver : IDisposable
            {
                private readonly Stream _link;
                private readonly Thread _reader;
                private volatile bool _running;
                public Receiver(Stream link)
                {
                    _link = link;
                    _reader = new Thread(Pump);
                }
                public void Start()
                {
                    _running = true;
                    _reader.Start();
                }
                private void Pump()
                {
                    while (_running) { _link.ReadByte(); }
                }
                public void Dispose()
                {
                    _running = false;
                    _reader.Join();
                    _link.Dispose();
                }
            }
            """);

        [Fact]
        public Task Stop_and_join_first_then_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Logger : IDisposable
            {
                private readonly Stream _stream;
                private readonly CancellationTokenSource _cts = new();
                private readonly Thread _worker;
                public Logger(Stream stream)
                {
                    _stream = stream;
                    _worker = new Thread(Loop);
                    _worker.Start();
                }
                private void Loop() { while (!_cts.IsCancellationRequested) { _stream.WriteByte(1); } }
                public void Dispose()
                {
                    _cts.Cancel();
                    _worker.Join();
                    _stream.Close();
                }
            }
            """);

        [Fact]
        public Task Timer_disposed_first_then_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port) { _port = port; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state) => _port.WriteByte(0x55);
                public void Dispose()
                {
                    using (var done = new ManualResetEvent(false))
                    {
                        _timer.Dispose(done);
                        done.WaitOne();
                    }
                    _port.Dispose();
                }
            }
            """);

        [Fact]
        public Task Timer_disposed_asynchronously_first_then_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            public sealed class Heartbeat : IAsyncDisposable
            {
                private readonly Stream _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port) { _port = port; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state) => _port.WriteByte(0x55);
                public async ValueTask DisposeAsync()
                {
                    await _timer.DisposeAsync();
                    await _port.DisposeAsync();
                }
            }
            """);

        [Fact]
        public Task Resource_no_callback_uses_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Stream _log;
                private readonly Timer _timer;
                private int _beats;
                public Heartbeat(Stream port, Stream log) { _port = port; _log = log; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state) => _beats++;
                public void Dispose()
                {
                    _log.Dispose();
                    _port.Dispose();
                    _timer.Dispose();
                }
            }
            """);

        [Fact]
        public Task Callback_that_checks_for_null_under_the_teardown_lock_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private readonly object _sync = new();
                private Stream? _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port) { _port = port; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state)
                {
                    lock (_sync)
                    {
                        if (_port is null) return;
                        _port.WriteByte(0x55);
                    }
                }
                public void Dispose()
                {
                    lock (_sync)
                    {
                        _port?.Dispose();
                        _port = null;
                    }
                    _timer.Dispose();
                }
            }
            """);

        [Fact]
        public Task Dependents_released_before_their_dependencies_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class I2cBus : IDisposable { public Channel Open() => new Channel(); public void Dispose() { } }
            public sealed class Channel : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus;
                private readonly Sensor _sensor;
                private readonly Channel _channel;
                public Board()
                {
                    _bus = new I2cBus();
                    _sensor = new Sensor(_bus);
                    _channel = _bus.Open();
                }
                public void Dispose()
                {
                    _channel.Dispose();
                    _sensor.Dispose();
                    _bus.Dispose();
                }
            }
            """);

        [Fact]
        public Task Release_callback_unregistering_first_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Buffers;
            using System.Collections.Generic;
            public interface IClient { void Deliver(int value); }
            public static class Registry
            {
                private static readonly List<IClient> s_clients = new();
                public static void Register(IClient client) => s_clients.Add(client);
                public static void Unregister(IClient client) => s_clients.Remove(client);
            }
            public abstract class Subdevice { protected internal abstract void Release(); }
            public sealed class Capture : Subdevice, IClient
            {
                private int[] _buffer = ArrayPool<int>.Shared.Rent(64);
                public Capture() { Registry.Register(this); }
                public void Deliver(int value) => _buffer[0] = value;
                protected internal override void Release()
                {
                    Registry.Unregister(this);
                    ArrayPool<int>.Shared.Return(_buffer);
                }
            }
            """);

        [Fact]
        public Task Disposing_the_event_source_first_stops_its_events() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            public sealed class Device : IDisposable { public event EventHandler? Changed; public void Dispose() { } }
            public sealed class Recorder : IDisposable
            {
                private readonly Device _device;
                private readonly Stream _log;
                public Recorder(Device device, Stream log) { _device = device; _log = log; _device.Changed += OnChanged; }
                private void OnChanged(object? sender, EventArgs e) => _log.WriteByte(1);
                public void Dispose()
                {
                    _device.Dispose();
                    _log.Dispose();
                }
            }
            """);

        [Fact]
        public Task Disposing_the_subscription_token_of_this_is_not_a_use_by_a_callback() => Verify.VerifyAsync("""
            using System;
            public sealed class Observer : IObserver<int>, IDisposable
            {
                private readonly IDisposable _sub;
                private int _last;
                public Observer(IObservable<int> source) { _sub = source.Subscribe(this); }
                public void OnNext(int value) => _last = value;
                public void OnError(Exception error) { }
                public void OnCompleted() { }
                public void Dispose() { _sub.Dispose(); }
            }
            """);

        [Fact]
        public Task Configured_unregister_method_taking_the_callback_back_first_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            public sealed class Irq { public void Request(Action handler) { } public void Free(Action handler) { } }
            public sealed class Uart : IDisposable
            {
                private readonly Irq _irq;
                private readonly Stream _fifo;
                public Uart(Irq irq, Stream fifo) { _irq = irq; _fifo = fifo; _irq.Request(OnIrq); }
                private void OnIrq() => _fifo.WriteByte(1);
                public void Dispose()
                {
                    _irq.Free(OnIrq);
                    _fifo.Dispose();
                }
            }
            """, "lifetime_analyzers.register_methods = Irq.Request\nlifetime_analyzers.unregister_methods = Irq.Free\n");

        [Fact]
        public Task Waiting_for_the_worker_task_by_GetResult_or_WaitAll_first_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            public sealed class Pump : IDisposable
            {
                private readonly Stream _a;
                private readonly Stream _b;
                private readonly Task _first;
                private readonly Task _second;
                public Pump(Stream a, Stream b) { _a = a; _b = b; _first = Task.Run(() => _a.WriteByte(1)); _second = Task.Run(() => _b.WriteByte(1)); }
                public void Dispose()
                {
                    _first.GetAwaiter().GetResult();
                    Task.WaitAll(_second);
                    _a.Dispose();
                    _b.Dispose();
                }
            }
            """);

        [Fact]
        public Task Factory_handed_to_GetOrAdd_is_not_a_registration() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Concurrent;
            public sealed class Chip : IDisposable { public void Dispose() { } }
            public sealed class Handler : IDisposable { public Handler(Chip chip) { } public void Dispose() { } }
            public sealed class Driver : IDisposable
            {
                private readonly ConcurrentDictionary<int, Handler> _handlers = new();
                private readonly Chip _chip = new();
                public void Add(int pin) { _handlers.GetOrAdd(pin, Create); }
                private Handler Create(int pin) => new Handler(_chip);
                public void Dispose()
                {
                    foreach (var pair in _handlers) { pair.Value.Dispose(); }
                    _chip.Dispose();
                }
            }
            """);

        [Fact]
        public Task Disposing_the_timer_itself_is_the_unregistration() => Verify.VerifyAsync("""
            using System;
            using System.Threading;
            public sealed class Button : IDisposable
            {
                private Timer? _holding;
                public void Pressed() => _holding = new Timer(OnHold, null, 500, Timeout.Infinite);
                private void OnHold(object? state) { _holding?.Dispose(); _holding = null; }
                public void Dispose() { _holding?.Dispose(); _holding = null; }
            }
            """);

        [Fact]
        public Task Waiting_for_the_worker_by_hand_first_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Sensor : IDisposable
            {
                private readonly Stream _device;
                private volatile bool _running = true;
                private volatile bool _isRunning;
                public Sensor(Stream device)
                {
                    _device = device;
                    new Thread(Loop).Start();
                }
                private void Loop() { _isRunning = true; while (_running) { _device.WriteByte(1); } _isRunning = false; }
                public void Dispose()
                {
                    _running = false;
                    while (_isRunning) { Thread.Sleep(1); }
                    _device.Dispose();
                }
            }
            """);

        [Fact]
        public Task Closing_a_stream_to_unblock_a_reader_that_catches_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Reader : IDisposable
            {
                private readonly Stream _stream;
                private readonly Thread _thread;
                private volatile bool _exit;
                public Reader(Stream stream) { _stream = stream; _thread = new Thread(Loop); _thread.Start(); }
                private void Loop()
                {
                    var buffer = new byte[64];
                    while (!_exit)
                    {
                        try { _stream.Read(buffer, 0, buffer.Length); }
                        catch (IOException) when (_exit) { }
                    }
                }
                public void Dispose() { _exit = true; _stream.Close(); _thread.Join(); }
            }
            """);

        [Fact]
        public Task Closing_a_stream_to_unblock_a_reader_whose_loop_catches_around_the_read_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Reader : IDisposable
            {
                private Stream? _stream;
                private readonly Thread _thread;
                private volatile bool _exit;
                public Reader(Stream stream) { _stream = stream; _thread = new Thread(Loop); _thread.Start(); }
                private void Loop()
                {
                    while (!_exit)
                    {
                        try { Pump(); }
                        catch (Exception) when (_exit) { }
                    }
                }
                private void Pump() => Fill();
                private void Fill()
                {
                    if (_stream == null) { throw new ObjectDisposedException(nameof(Reader)); }
                    _stream.ReadByte();
                }
                public void Dispose() { _exit = true; _stream?.Close(); _stream = null; _thread.Join(); }
            }
            """);

        [Fact]
        public Task Task_returned_to_the_caller_is_not_fire_and_forget() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            public sealed class Blinker : IDisposable
            {
                private readonly Stream _led;
                public Blinker(Stream led) { _led = led; }
                public Task BlinkAsync(int times) => Task.Run(() => { for (var i = 0; i < times; i++) { _led.WriteByte(1); } });
                public void Dispose() { _led.Dispose(); }
            }
            """);

        [Fact]
        public Task Dependent_told_not_to_own_its_resource_is_silent() => Verify.VerifyAsync("""
            using System;
            public sealed class Controller : IDisposable { public void Dispose() { } }
            public sealed class Expander : IDisposable { public Expander(Controller controller, bool shouldDispose) { } public void Dispose() { } }
            public sealed class Fixture : IDisposable
            {
                private readonly Controller _controller = new();
                private readonly Expander _device;
                public Fixture() { _device = new Expander(_controller, shouldDispose: false); }
                public void Dispose() { _controller.Dispose(); _device.Dispose(); }
            }
            """);

        [Fact]
        public Task Subscription_to_a_local_source_ends_with_its_method() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            public sealed class Feed : IDisposable { public event Action<string>? Line; public void Run() { } public void Dispose() { } }
            public sealed class Test : IDisposable
            {
                private readonly StreamWriter _log = new(new MemoryStream());
                public void Feeds() { using var feed = new Feed(); feed.Line += s => _log.WriteLine(s); feed.Run(); }
                public void Dispose() => _log.Dispose();
            }
            """);

        [Fact]
        public Task Cancelled_stop_signal_disposed_before_the_wait_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Threading;
            public sealed class Watcher : IDisposable
            {
                private readonly CancellationTokenSource _cts = new();
                private readonly Thread _thread;
                public Watcher() { _thread = new Thread(Loop); _thread.Start(); }
                private void Loop() { while (!_cts.IsCancellationRequested) { Thread.Sleep(10); } }
                public void Dispose() { _cts.Cancel(); _cts.Dispose(); _thread.Join(); }
            }
            """);
    }
}
