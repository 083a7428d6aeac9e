using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.ReleaseWhileRegisteredAnalyzer, LifetimeAnalyzers.CodeFixes.UnregisterFirstFix>;

namespace LifetimeAnalyzers.Tests.LIFE003ReleaseWhileRegisteredTests
{
    public class CodeFix
    {
        [Fact]
        public Task Rpmsg_endpoint_is_closed_before_the_memory_is_unmapped() => Verify.VerifyAsync(Diagnostics.Rpmsg + """
            public sealed class RpmsgTty : IDisposable
            {
                private SharedMemory? _shm;
                private readonly Endpoint _ept;
                public RpmsgTty(RemoteProc rproc) { _shm = rproc.MapShared(); _ept = rproc.CreateEndpoint(OnReceive); }
                private void OnReceive(ReadOnlySpan<byte> msg) => _shm!.Write(msg);
                public void Dispose()
                {
                    {|LIFE003:_shm!.Dispose()|};
                    _shm = null;
                    _ept.Dispose();
                }
            }
            """, Diagnostics.Rpmsg + """
            public sealed class RpmsgTty : IDisposable
            {
                private SharedMemory? _shm;
                private readonly Endpoint _ept;
                public RpmsgTty(RemoteProc rproc) { _shm = rproc.MapShared(); _ept = rproc.CreateEndpoint(OnReceive); }
                private void OnReceive(ReadOnlySpan<byte> msg) => _shm!.Write(msg);
                public void Dispose()
                {
                    _ept.Dispose();
                    _shm!.Dispose();
                    _shm = null;
                }
            }
            """);

        [Fact]
        public Task Cancel_and_join_move_together_before_the_release() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Logger : IDisposable
            {
                private readonly Stream _stream;
                private readonly CancellationTokenSource _cts = new();
                private readonly Thread _worker;
                public Logger(Stream stream) { _stream = stream; _worker = new Thread(Loop); _worker.Start(); }
                private void Loop() { while (!_cts.IsCancellationRequested) { _stream.WriteByte(1); } }
                public void Dispose()
                {
                    {|LIFE003:_stream.Close()|};
                    _cts.Cancel();
                    _worker.Join();
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Logger : IDisposable
            {
                private readonly Stream _stream;
                private readonly CancellationTokenSource _cts = new();
                private readonly Thread _worker;
                public Logger(Stream stream) { _stream = stream; _worker = new Thread(Loop); _worker.Start(); }
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
        public Task Missing_unsubscription_is_inserted_at_the_start_of_the_teardown() => Verify.VerifyAsync("""
            using System;
            public sealed class Device : IDisposable { public event EventHandler? Changed; public int Read() => 0; public void Dispose() { } }
            public sealed class Mirror : IDisposable
            {
                private readonly Device _device;
                private readonly Device _device2;
                public Mirror(Device device, Device device2) { _device = device; _device2 = device2; _device2.Changed += OnChanged; }
                private void OnChanged(object? sender, EventArgs e) => Console.WriteLine(_device.Read());
                public void Dispose()
                {
                    {|LIFE003:_device.Dispose()|};
                }
            }
            """, """
            using System;
            public sealed class Device : IDisposable { public event EventHandler? Changed; public int Read() => 0; public void Dispose() { } }
            public sealed class Mirror : IDisposable
            {
                private readonly Device _device;
                private readonly Device _device2;
                public Mirror(Device device, Device device2) { _device = device; _device2 = device2; _device2.Changed += OnChanged; }
                private void OnChanged(object? sender, EventArgs e) => Console.WriteLine(_device.Read());
                public void Dispose()
                {
                    _device2.Changed -= OnChanged;
                    _device.Dispose();
                }
            }
            """);

        [Fact]
        public Task Dependent_is_released_before_what_it_was_built_from() => Verify.VerifyAsync("""
            using System;
            public sealed class I2cBus : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Board() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    {|LIFE003:_bus.Dispose()|};
                    _sensor.Dispose();
                }
            }
            """, """
            using System;
            public sealed class I2cBus : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Board() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    _sensor.Dispose();
                    _bus.Dispose();
                }
            }
            """);

        [Fact]
        public Task FixAll_reorders_every_teardown_in_the_document() => Verify.VerifyAsync("""
            using System;
            public sealed class I2cBus : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Board() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    {|LIFE003:_bus.Dispose()|};
                    _sensor.Dispose();
                }
            }
            public sealed class Shield : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Shield() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    {|LIFE003:_bus.Dispose()|};
                    _sensor.Dispose();
                }
            }
            """, """
            using System;
            public sealed class I2cBus : IDisposable { public void Dispose() { } }
            public sealed class Sensor : IDisposable { public Sensor(I2cBus bus) { } public void Dispose() { } }
            public sealed class Board : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Board() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    _sensor.Dispose();
                    _bus.Dispose();
                }
            }
            public sealed class Shield : IDisposable
            {
                private readonly I2cBus _bus = new();
                private readonly Sensor _sensor;
                public Shield() { _sensor = new Sensor(_bus); }
                public void Dispose()
                {
                    _sensor.Dispose();
                    _bus.Dispose();
                }
            }
            """);

        [Fact]
        public Task Not_offered_when_the_registration_cannot_be_undone_by_name() => Verify.VerifyNotOfferedAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            public sealed class Pump : IDisposable
            {
                private readonly Stream _stream;
                public Pump(Stream stream) { _stream = stream; Task.Run(() => Loop()); }
                private void Loop() { _stream.WriteByte(1); }
                public void Dispose()
                {
                    {|LIFE003:_stream.Dispose()|};
                }
            }
            """, nameof(UnregisterFirstFix));

        [Fact]
        public Task Missing_disposal_of_a_struct_token_is_inserted_without_null_check() => Verify.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Watch : IDisposable
            {
                private readonly Stream _log;
                private readonly CancellationTokenRegistration _registration;
                public Watch(Stream log, CancellationToken token) { _log = log; _registration = token.Register(OnCancel); }
                private void OnCancel() => _log.WriteByte(0);
                public void Dispose()
                {
                    {|LIFE003:_log.Dispose()|};
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading;
            public sealed class Watch : IDisposable
            {
                private readonly Stream _log;
                private readonly CancellationTokenRegistration _registration;
                public Watch(Stream log, CancellationToken token) { _log = log; _registration = token.Register(OnCancel); }
                private void OnCancel() => _log.WriteByte(0);
                public void Dispose()
                {
                    _registration.Dispose();
                    _log.Dispose();
                }
            }
            """);
    }
}
