using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.ReleaseWhileRegisteredAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE003ReleaseWhileRegisteredTests
{
    public class Diagnostics
    {
        internal const string Rpmsg = """
            using System;

            public delegate void RxCallback(ReadOnlySpan<byte> message);
            public sealed class SharedMemory : IDisposable { public void Write(ReadOnlySpan<byte> data) { } public void Dispose() { } }
            public sealed class Endpoint : IDisposable { public Endpoint(RxCallback callback) { } public void Dispose() { } }
            public sealed class RemoteProc
            {
                public SharedMemory MapShared() => new SharedMemory();
                public Endpoint CreateEndpoint(RxCallback callback) => new Endpoint(callback);
            }

            """;

        [Fact]
        public Task Rpmsg_port_unmaps_memory_before_closing_the_endpoint() => Verify.VerifyAsync(Rpmsg + """
            public sealed class RpmsgTty : IDisposable
            {
                private SharedMemory? _shm;
                private readonly Endpoint _ept;
                public RpmsgTty(RemoteProc rproc) { _shm = rproc.MapShared(); _ept = {|#1:rproc.CreateEndpoint(OnReceive)|}; }
                private void OnReceive(ReadOnlySpan<byte> msg) => {|#2:_shm|}!.Write(msg);
                public void Dispose() { {|#0:_shm!.Dispose()|}; _shm = null; {|#3:_ept.Dispose()|}; }
            }
            """,
            Verify.Diagnostic("LIFE003").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_shm", "the callback 'RpmsgTty.OnReceive' registered by 'rproc.CreateEndpoint(OnReceive)'", "; it is unregistered only later, by '_ept.Dispose()'"));

        [Fact]
        public Task Port_disposed_before_the_timer_whose_callback_writes_to_it_warns() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port)
                {
                    _port = port;
                    _timer = new Timer(Beat, null, 0, 1000);
                }
                private void Beat(object? state) => _port.WriteByte(0x55);
                public void Dispose()
                {
                    {|LIFE003:_port.Dispose()|};
                    _timer.Dispose();
                }
            }
            """);

        [Theory]
        [InlineData("try { Pump(); } catch (IOException) { }", "Pump();")]
        [InlineData("Pump();", "try { Pump(); } catch (IOException) { }")]
        public Task Reader_that_also_reads_outside_a_catching_try_warns(string first, string second) => Verify.VerifyAsync($$"""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Reader : IDisposable
            {
                private readonly Stream _stream;
                private readonly Thread _thread;
                public Reader(Stream stream) { _stream = stream; _thread = new Thread(Loop); _thread.Start(); }
                private void Loop()
                {
                    {{first}}
                    {{second}}
                }
                private void Pump() => _stream.ReadByte();
                public void Dispose() { {|LIFE003:_stream.Close()|}; _thread.Join(); }
            }
            """);

        [Fact]
        public Task Device_disposed_while_a_handler_reading_it_is_never_unsubscribed_warns() => Verify.VerifyAsync("""
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
                    {|LIFE003:_device.Dispose()|};
                }
            }
            """);

        [Fact]
        public Task Stream_closed_before_the_worker_thread_using_it_is_joined_warns() => Verify.VerifyAsync("""
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
                private void Loop()
                {
                    while (!_cts.IsCancellationRequested) { _stream.WriteByte(1); }
                }
                public void Dispose()
                {
                    {|LIFE003:_stream.Close()|};
                    _cts.Cancel();
                    _worker.Join();
                }
            }
            """);

        [Fact]
        public Task Stream_closed_before_joining_a_thread_the_constructor_created_and_Start_started_warns() => Verify.VerifyAsync("""
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
                    {|LIFE003:_link.Dispose()|};
                    _running = false;
                    _reader.Join();
                }
            }
            """);

        [Fact]
        public Task Bus_disposed_before_the_sensor_built_on_it_warns() => Verify.VerifyAsync("""
            using System;
            public sealed class I2cBus : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus;
                private readonly Sensor _sensor;
                public Board()
                {
                    _bus = new I2cBus();
                    {|#1:_sensor = new Sensor(_bus)|};
                }
                public void Dispose()
                {
                    {|#0:_bus.Dispose()|};
                    {|#2:_sensor.Dispose()|};
                }
            }
            """,
            Verify.Diagnostic("LIFE003").WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_bus", "'_sensor', built from it in '_sensor = new Sensor(_bus)',", "; '_sensor' is released only later, by '_sensor.Dispose()'"));

        [Fact]
        public Task Release_callback_freeing_a_buffer_before_unregistering_warns() => Verify.VerifyAsync("""
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
                    {|LIFE003:ArrayPool<int>.Shared.Return(_buffer)|};
                    Registry.Unregister(this);
                }
            }
            """);

        /// <summary>
        /// A member released by a source helper it is handed, and one released inside the object's own helper: the first
        /// is found through the helper's summary, the second among the own helper's steps.
        /// </summary>
        [Fact]
        public Task Members_released_through_a_helper_they_are_handed_to_and_inside_an_own_helper_warn() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public static class Ports
            {
                public static void Close(Stream port) { port.Flush(); port.Dispose(); }
            }
            public sealed class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Stream _log;
                private readonly Timer _timer;
                public Heartbeat(Stream port, Stream log)
                {
                    _port = port;
                    _log = log;
                    _timer = new Timer(Beat, null, 0, 1000);
                }
                private void Beat(object? state) { _port.WriteByte(0x55); _log.WriteByte(1); }
                private void CloseLog() => _log.Dispose();
                public void Dispose()
                {
                    {|LIFE003:Ports.Close(_port)|};
                    {|LIFE003:CloseLog()|};
                    GC.SuppressFinalize(this);
                    _timer.Dispose();
                }
            }
            """);

        [Fact]
        public Task Stop_helper_that_unregisters_only_after_the_release_warns() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port)
                {
                    _port = port;
                    _timer = new Timer(Beat, null, 0, 1000);
                }
                private void Beat(object? state) => _port.WriteByte(0x55);
                private void StopTimer() => _timer.Dispose();
                public void Dispose()
                {
                    {|LIFE003:_port.Dispose()|};
                    StopTimer();
                }
            }
            """);

        [Fact]
        public Task Null_conditional_dispose_is_a_release() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Heartbeat : IDisposable
            {
                private Stream? _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port) { _port = port; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state) => _port!.WriteByte(0x55);
                public void Dispose()
                {
                    {|LIFE003:_port?.Dispose()|};
                    _timer.Dispose();
                }
            }
            """);

        [Fact]
        public Task Wrong_order_inside_Dispose_bool_is_reported_once_there() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public class Heartbeat : IDisposable
            {
                private readonly Stream _port;
                private readonly Timer _timer;
                public Heartbeat(Stream port) { _port = port; _timer = new Timer(Beat, null, 0, 1000); }
                private void Beat(object? state) => _port.WriteByte(0x55);
                public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }
                protected virtual void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        {|LIFE003:_port.Dispose()|};
                        _timer.Dispose();
                    }
                }
            }
            """);
    }
}
