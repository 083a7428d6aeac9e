using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE001UseAfterReleaseTests
{
    /// <summary>Correct code around releases: LIFE001 must stay silent.</summary>
    public sealed class Valid
    {
        // The fix the vimc thread settled on first: the auxiliary variable.
        [Fact]
        public Task Vimc_fixed_pads_read_into_a_local_before_the_release_is_silent() => Verify.VerifyAsync(VimcSource.Types + """
            namespace Vimc
            {
                public static class Entities
                {
                    public static void Unregister(MediaDevice md, EntityDevice ved)
                    {
                        MediaPad[]? pads = ved.Pads;
                        md.UnregisterSubdev(ved);
                        CleanupPads(pads);
                    }

                    private static void CleanupPads(MediaPad[]? pads)
                    {
                        if (pads == null)
                        {
                            return;
                        }

                        foreach (var pad in pads)
                        {
                            pad.Cleanup();
                        }
                    }
                }
            }
            """);

        // The design the maintainers asked for: the release callback is the destructor and frees the pads itself.
        [Fact]
        public Task Vimc_fixed_cleanup_in_the_release_callback_is_silent() => Verify.VerifyAsync(VimcSource.Types + """
            namespace Vimc
            {
                public sealed class SensorEntity : EntityDevice
                {
                    public SensorEntity()
                    {
                        Pads = new[] { new MediaPad(), new MediaPad() };
                    }

                    protected internal override void Release()
                    {
                        if (Pads != null)
                        {
                            foreach (var pad in Pads)
                            {
                                pad.Cleanup();
                            }

                            Pads = null;
                        }
                    }
                }

                public static class Entities
                {
                    public static void Unregister(MediaDevice md, EntityDevice ved)
                    {
                        md.UnregisterSubdev(ved);
                    }
                }
            }
            """);

        [Fact]
        public Task Use_before_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Reader
            {
                int Read(Stream s)
                {
                    int b = s.ReadByte();
                    s.Dispose();
                    return b;
                }
            }
            """);

        [Fact]
        public Task Uses_inside_a_using_block_are_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Writer
            {
                long Write()
                {
                    var s = new MemoryStream();
                    using (s)
                    {
                        s.WriteByte(1);
                        return s.Length;
                    }
                }

                long WriteDeclared()
                {
                    using var s = new MemoryStream();
                    s.WriteByte(1);
                    return s.Length;
                }
            }
            """);

        [Fact]
        public Task Release_on_only_one_branch_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                int Stop(Stream line, bool fast)
                {
                    if (fast)
                    {
                        line.Dispose();
                    }
                    else
                    {
                        line.Flush();
                    }

                    return line.ReadByte();
                }
            }
            """);

        [Fact]
        public Task Release_in_only_some_switch_sections_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line, int mode)
                {
                    switch (mode)
                    {
                        case 0:
                            line.Dispose();
                            break;
                        case 1:
                            line.Flush();
                            break;
                    }

                    line.WriteByte(0);
                }
            }
            """);

        [Fact]
        public Task Release_then_return_on_that_branch_with_the_use_on_the_other_path_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Send(Stream line, byte value, bool done)
                {
                    if (done)
                    {
                        line.Dispose();
                        return;
                    }

                    line.WriteByte(value);
                }
            }
            """);

        [Fact]
        public Task Release_then_throw_on_that_branch_with_the_use_on_the_other_path_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                void Send(Stream line, int value)
                {
                    if (value < 0)
                    {
                        line.Dispose();
                        throw new ArgumentOutOfRangeException(nameof(value));
                    }

                    line.WriteByte((byte)value);
                }
            }
            """);

        [Fact]
        public Task Reassignment_after_release_then_use_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                long Reopen()
                {
                    var line = new MemoryStream();
                    line.Dispose();
                    line = new MemoryStream();
                    line.WriteByte(1);
                    return line.Length;
                }
            }
            """);

        [Fact]
        public Task Reassignment_or_return_on_every_path_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Reopen(Stream line, bool again)
                {
                    line.Dispose();
                    if (again)
                    {
                        line = new MemoryStream();
                    }
                    else
                    {
                        return;
                    }

                    line.WriteByte(1);
                }
            }
            """);

        [Fact]
        public Task ArrayPool_rent_again_after_return_is_silent() => Verify.VerifyAsync("""
            using System.Buffers;

            class Dma
            {
                void Transfer()
                {
                    byte[] buf = ArrayPool<byte>.Shared.Rent(16);
                    buf[0] = 1;
                    ArrayPool<byte>.Shared.Return(buf);
                    buf = ArrayPool<byte>.Shared.Rent(32);
                    buf[0] = 2;
                    ArrayPool<byte>.Shared.Return(buf);
                }
            }
            """);

        [Fact]
        public Task FreeHGlobal_then_cleared_pointer_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;

            class Registers
            {
                private IntPtr _window = Marshal.AllocHGlobal(64);

                public void Unmap()
                {
                    Marshal.FreeHGlobal(_window);
                    _window = IntPtr.Zero;
                }

                public byte Read(int offset) => _window == IntPtr.Zero ? (byte)0 : Marshal.ReadByte(_window, offset);
            }
            """);

        [Fact]
        public Task Conditional_dispose_then_null_assignment_then_null_checked_use_is_silent() => Verify.VerifyAsync("""
            #nullable enable
            using System.IO;

            sealed class SerialDriver
            {
                private Stream? _port = new MemoryStream();

                public void Stop()
                {
                    _port?.Dispose();
                    _port = null;
                    _port?.Flush();
                    if (_port != null)
                    {
                        _port.WriteByte(0);
                    }
                }
            }
            """);

        [Fact]
        public Task Local_conditional_dispose_then_null_assignment_then_null_checked_use_is_silent() => Verify.VerifyAsync("""
            #nullable enable
            using System.IO;

            class Port
            {
                void Stop(Stream? line)
                {
                    line?.Dispose();
                    line = null;
                    line?.Flush();
                }
            }
            """);

        [Fact]
        public Task Field_disposed_then_nulled_is_silent() => Verify.VerifyAsync("""
            #nullable enable
            using System;
            using System.IO;

            sealed class SerialDriver : IDisposable
            {
                private Stream? _port = new MemoryStream();

                public void Send(byte value) => _port?.WriteByte(value);

                public void Dispose()
                {
                    if (_port != null)
                    {
                        _port.Dispose();
                        _port = null;
                    }
                }
            }
            """);

        [Fact]
        public Task Field_released_in_one_method_and_used_in_another_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            sealed class SerialDriver
            {
                private readonly Stream _port = new MemoryStream();

                public void Stop() => _port.Dispose();

                public void Send(byte value) => _port.WriteByte(value);
            }
            """);

        [Fact]
        public Task Loop_creating_a_new_instance_each_iteration_and_releasing_at_the_end_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Burst(int count)
                {
                    for (int i = 0; i < count; i++)
                    {
                        var line = new MemoryStream();
                        line.WriteByte((byte)i);
                        line.Dispose();
                    }
                }
            }
            """);

        [Fact]
        public Task Loop_assigning_an_outer_variable_each_iteration_and_releasing_at_the_end_is_silent() => Verify.VerifyAsync("""
            using System.Buffers;
            using System.Collections.Generic;
            using System.IO;

            class Port
            {
                void Burst(int count)
                {
                    MemoryStream line;
                    int i = 0;
                    while (i < count)
                    {
                        line = new MemoryStream();
                        line.WriteByte((byte)i);
                        line.Dispose();
                        i++;
                    }
                }

                void Send(IEnumerable<byte[]> frames, Stream wire)
                {
                    byte[] buf;
                    foreach (var frame in frames)
                    {
                        buf = ArrayPool<byte>.Shared.Rent(frame.Length);
                        frame.CopyTo(buf, 0);
                        wire.Write(buf, 0, frame.Length);
                        ArrayPool<byte>.Shared.Return(buf);
                    }
                }
            }
            """);

        [Fact]
        public Task Nameof_after_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line.Dispose();
                    Console.WriteLine(nameof(line) + " closed");
                }
            }
            """);

        [Fact]
        public Task Is_null_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                bool Stop(Stream line)
                {
                    line.Dispose();
                    return line is null;
                }
            }
            """);

        [Fact]
        public Task Equals_null_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                bool Stop(Stream line)
                {
                    line.Dispose();
                    return line == null || line != null;
                }
            }
            """);

        [Fact]
        public Task ReferenceEquals_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                bool Stop(Stream line, Stream other)
                {
                    line.Dispose();
                    return ReferenceEquals(line, other) || object.ReferenceEquals(other, line);
                }
            }
            """);

        [Fact]
        public Task GC_KeepAlive_after_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line.Dispose();
                    GC.KeepAlive(line);
                }
            }
            """);

        [Fact]
        public Task Copying_the_reference_after_release_is_silent() => Verify.VerifyAsync("""
            #nullable enable
            using System.IO;

            class Port
            {
                private Stream? _last;

                void Stop(Stream line)
                {
                    line.Dispose();
                    var closed = line;
                    _last = closed;
                }
            }
            """);

        [Fact]
        public Task Returning_the_reference_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                Stream Stop(Stream line)
                {
                    line.Dispose();
                    return line;
                }
            }
            """);

        [Fact]
        public Task Second_release_is_not_reported_as_a_use() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line.Dispose();
                    line.Dispose();
                }
            }
            """);

        [Fact]
        public Task GC_SuppressFinalize_this_after_Dispose_true_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            public class Port : IDisposable
            {
                private readonly Stream _line = new MemoryStream();

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _line.Dispose();
                    }
                }
            }
            """);

        [Fact]
        public Task Base_Dispose_then_reading_own_fields_in_Dispose_bool_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            public class DeviceBase : IDisposable
            {
                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing) { }
            }

            public sealed class Uart : DeviceBase
            {
                private readonly Stream _line = new MemoryStream();
                private int _bytesWritten;

                public void Send(byte value)
                {
                    _line.WriteByte(value);
                    _bytesWritten++;
                }

                protected override void Dispose(bool disposing)
                {
                    base.Dispose(disposing);
                    if (disposing)
                    {
                        _line.Dispose();
                    }

                    Console.WriteLine(this._bytesWritten);
                }
            }

            public sealed class LogWriter : StringWriter
            {
                private readonly Stream _sink = new MemoryStream();

                protected override void Dispose(bool disposing)
                {
                    base.Dispose(disposing);
                    if (disposing)
                    {
                        _sink.Dispose();
                    }
                }
            }
            """);

        [Fact]
        public Task Base_Dispose_then_reading_own_fields_in_a_Dispose_override_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;

            public class DeviceBase : IDisposable
            {
                public virtual void Dispose() { }
            }

            public sealed class Uart : DeviceBase
            {
                private readonly List<string> _log = new List<string>();

                public override void Dispose()
                {
                    base.Dispose();
                    Console.WriteLine(_log.Count);
                    this._log.Clear();
                }
            }
            """);

        [Fact]
        public Task Own_Dispose_then_member_access_on_this_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            public sealed class Port : IDisposable
            {
                private readonly Stream _line = new MemoryStream();

                public string Name { get; } = "uart0";

                public void Dispose() => _line.Dispose();

                public void Close()
                {
                    Dispose();
                    Console.WriteLine(Name + " closed");
                    Console.WriteLine(this.Name);
                }
            }
            """);

        [Fact]
        public Task Release_of_a_different_instance_of_the_same_type_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            sealed class Mirror
            {
                private readonly MemoryStream _primary = new MemoryStream();
                private readonly MemoryStream _secondary = new MemoryStream();

                void Failover(MemoryStream a, MemoryStream b)
                {
                    a.Dispose();
                    b.WriteByte(1);
                    _primary.Dispose();
                    _secondary.WriteByte(1);
                }
            }
            """);

        [Fact]
        public Task Helper_releasing_its_parameter_on_only_some_paths_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Send(Stream line, bool last)
                {
                    CloseIfLast(line, last);
                    line.Flush();
                }

                static void CloseIfLast(Stream line, bool last)
                {
                    if (last)
                    {
                        line.Dispose();
                    }
                }
            }
            """);

        [Fact]
        public Task Helper_releasing_another_parameter_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Failover(Stream primary, Stream backup)
                {
                    Swap(primary, backup);
                    backup.WriteByte(1);
                }

                static void Swap(Stream old, Stream next)
                {
                    old.Dispose();
                    next.Flush();
                }
            }
            """);

        [Fact]
        public Task Release_inside_a_lambda_that_is_not_called_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                Action Open(Stream line)
                {
                    Action close = () => line.Dispose();
                    line.WriteByte(1);
                    return close;
                }
            }
            """);

        [Fact]
        public Task Out_argument_after_release_starts_a_new_life() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Reconnect(Stream line)
                {
                    line.Dispose();
                    Open(out line);
                    line.WriteByte(1);
                }

                static void Open(out Stream line) => line = new MemoryStream();
            }
            """);

        [Fact]
        public Task Field_reassigned_by_a_called_method_after_release_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            sealed class SerialDriver
            {
                private Stream _port = new MemoryStream();

                public void Reconnect(byte[] hello)
                {
                    _port.Dispose();
                    Connect();
                    _port.Write(hello, 0, hello.Length);
                }

                private void Connect() => _port = new MemoryStream();
            }
            """);

        [Fact]
        public Task Reassigning_a_prefix_of_a_released_chain_is_silent() => Verify.VerifyAsync("""
            using System.IO;

            public sealed class Device
            {
                public Stream Stream { get; } = new MemoryStream();
            }

            public sealed class Driver
            {
                public Device Device { get; private set; } = new Device();

                public void Restart()
                {
                    this.Device.Stream.Dispose();
                    this.Device = new Device();
                    this.Device.Stream.Flush();
                }
            }
            """);

        [Fact]
        public Task Disposing_every_element_then_clearing_the_collection_is_silent() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.IO;

            sealed class Hub
            {
                private readonly List<Stream> _lines = new List<Stream>();

                public void Stop()
                {
                    foreach (Stream line in _lines)
                    {
                        line.Dispose();
                    }

                    _lines.Clear();
                }
            }
            """);

        [Fact]
        public Task Lambda_using_the_object_before_the_release_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                int Read()
                {
                    var line = new MemoryStream(new byte[] { 7 });
                    Func<int> read = () => line.ReadByte();
                    int first = read();
                    line.Dispose();
                    return first;
                }
            }
            """);

        [Fact]
        public Task Close_on_a_type_that_is_not_a_resource_is_silent() => Verify.VerifyAsync("""
            using System;

            public sealed class Valve
            {
                public bool IsOpen { get; private set; } = true;

                public void Close() => IsOpen = false;
            }

            class Plant
            {
                void Shut(Valve valve)
                {
                    valve.Close();
                    Console.WriteLine(valve.IsOpen);
                }
            }
            """);

        [Fact]
        public Task Non_virtual_release_that_only_counts_references_is_silent() => Verify.VerifyAsync("""
            public sealed class Buffer
            {
                private int _references = 1;

                public int References => _references;

                public void AddRef() => _references++;

                public void Release() => _references--;
            }

            class Pipeline
            {
                int Hand(Buffer buffer)
                {
                    buffer.AddRef();
                    buffer.Release();
                    return buffer.References;
                }
            }
            """);

        [Fact]
        public Task Semaphore_release_is_not_a_lifetime_release() => Verify.VerifyAsync("""
            using System.Threading;

            class Queue
            {
                private readonly SemaphoreSlim _slots = new SemaphoreSlim(4);

                void Complete()
                {
                    _slots.Release();
                    _slots.Wait();
                }
            }
            """);

        [Fact]
        public Task Method_named_like_a_configured_release_without_configuration_is_silent() => Verify.VerifyAsync("""
            namespace Drivers
            {
                public sealed class Camera
                {
                    public int Frames { get; private set; }

                    public void Shutdown() => Frames = 0;
                }

                class Pipeline
                {
                    int Stop(Camera camera)
                    {
                        camera.Shutdown();
                        return camera.Frames;
                    }
                }
            }
            """);

        [Fact]
        public Task Editorconfig_release_method_of_another_type_is_silent() => Verify.VerifyAsync(
            """
            namespace Drivers
            {
                public sealed class Camera
                {
                    public int Frames { get; private set; }

                    public void Shutdown() => Frames = 0;
                }

                public sealed class Lens
                {
                    public int Zoom { get; private set; }

                    public void Shutdown() => Zoom = 0;
                }

                class Pipeline
                {
                    int Stop(Lens lens)
                    {
                        lens.Shutdown();
                        return lens.Zoom;
                    }
                }
            }
            """,
            "lifetime_analyzers.release_methods = Drivers.Camera.Shutdown\n");

        [Fact]
        public Task Attribute_with_another_name_is_not_a_release() => Verify.VerifyAsync("""
            using System;

            namespace Drivers
            {
                [AttributeUsage(AttributeTargets.Method)]
                public sealed class ReleasedAttribute : Attribute { }

                public sealed class DmaRegion
                {
                    public int Length { get; } = 4096;

                    [Released]
                    public void Sync() { }
                }

                class Engine
                {
                    int Stop(DmaRegion region)
                    {
                        region.Sync();
                        return region.Length;
                    }
                }
            }
            """);
    }
}
