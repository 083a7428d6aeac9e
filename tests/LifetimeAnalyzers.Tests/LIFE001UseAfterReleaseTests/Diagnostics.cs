using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE001UseAfterReleaseTests
{
    /// <summary>Code that uses an object after a statement that releases it on every path: LIFE001 must report it.</summary>
    public sealed class Diagnostics
    {
        // The seed: UnregisterSubdev calls the abstract release callback, so ved is dead when its pads are read.
        [Fact]
        public Task Vimc_unregister_subdev_then_read_pads_warns() => Verify.VerifyAsync(VimcSource.Types + """
            namespace Vimc
            {
                public static class Entities
                {
                    public static void Unregister(MediaDevice md, EntityDevice ved)
                    {
                        md.UnregisterSubdev(ved);
                        CleanupPads({|LIFE001:ved|}.Pads);
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

        [Fact]
        public Task Vimc_message_names_the_release_and_the_call_chain() => Verify.VerifyAsync(
            VimcSource.Types + """
            namespace Vimc
            {
                public static class Entities
                {
                    public static void Unregister(MediaDevice md, EntityDevice ved)
                    {
                        {|#1:md.UnregisterSubdev(ved)|};
                        CleanupPads({|#0:ved|}.Pads);
                    }

                    private static void CleanupPads(MediaPad[]? pads) { }
                }
            }
            """,
            Verify.Diagnostic("LIFE001")
                .WithLocation(0)
                .WithLocation(1)
                .WithArguments("ved", "'md.UnregisterSubdev(ved)'", " (MediaDevice.UnregisterSubdev → Subdevice.Release)"));

        [Fact]
        public Task Direct_release_message_has_no_call_chain() => Verify.VerifyAsync(
            """
            using System.IO;

            class Reader
            {
                int Read()
                {
                    var s = new MemoryStream(new byte[] { 1, 2, 3 });
                    {|#1:s.Dispose()|};
                    return {|#0:s|}.ReadByte();
                }
            }
            """,
            Verify.Diagnostic("LIFE001")
                .WithLocation(0)
                .WithLocation(1)
                .WithArguments("s", "'s.Dispose()'", ""));

        [Fact]
        public Task Dispose_then_method_call_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Reader
            {
                int Read()
                {
                    var s = new MemoryStream(new byte[] { 1, 2, 3 });
                    s.Dispose();
                    return {|LIFE001:s|}.ReadByte();
                }
            }
            """);

        [Fact]
        public Task Dispose_then_property_read_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Reader
            {
                long Remaining(Stream s)
                {
                    s.Dispose();
                    return {|LIFE001:s|}.Length;
                }
            }
            """);

        [Fact]
        public Task Dispose_then_property_write_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Reader
            {
                void Rewind(Stream s)
                {
                    s.Dispose();
                    {|LIFE001:s|}.Position = 0;
                }
            }
            """);

        [Fact]
        public Task Dispose_then_field_write_warns() => Verify.VerifyAsync("""
            using System;

            sealed class Frame : IDisposable
            {
                public int Sequence;

                public void Dispose() { }
            }

            class Capture
            {
                void Drop(Frame frame)
                {
                    frame.Dispose();
                    {|LIFE001:frame|}.Sequence = -1;
                }
            }
            """);

        [Fact]
        public Task Released_object_passed_to_a_method_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Reader
            {
                long Drain(Stream s)
                {
                    s.Dispose();
                    return Measure({|LIFE001:s|});
                }

                static long Measure(Stream s) => s.Length;
            }
            """);

        [Fact]
        public Task Released_object_awaited_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;

            sealed class Transfer : IDisposable
            {
                private readonly Task _done = Task.CompletedTask;

                public TaskAwaiter GetAwaiter() => _done.GetAwaiter();

                public void Dispose() { }
            }

            class Dma
            {
                async Task Cancel(Transfer transfer)
                {
                    transfer.Dispose();
                    await {|LIFE001:transfer|};
                }
            }
            """);

        [Fact]
        public Task DisposeAsync_then_use_warns() => Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Reader
            {
                async Task<int> ReadLast(Stream s)
                {
                    await s.DisposeAsync();
                    return {|LIFE001:s|}.ReadByte();
                }
            }
            """);

        [Fact]
        public Task Using_block_end_then_use_after_the_block_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Writer
            {
                long Write()
                {
                    var s = new MemoryStream();
                    using (s)
                    {
                        s.WriteByte(1);
                    }

                    return {|LIFE001:s|}.Length;
                }
            }
            """);

        [Fact]
        public Task Await_using_block_end_then_use_after_the_block_warns() => Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Writer
            {
                async Task Write()
                {
                    var s = new MemoryStream();
                    await using (s)
                    {
                        s.WriteByte(1);
                    }

                    await {|LIFE001:s|}.FlushAsync();
                }
            }
            """);

        [Fact]
        public Task Stream_close_then_flush_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Hangup(Stream line)
                {
                    line.Close();
                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task TextWriter_close_then_write_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Log
            {
                void Finish(TextWriter writer)
                {
                    writer.Close();
                    {|LIFE001:writer|}.WriteLine("done");
                }
            }
            """);

        [Fact]
        public Task TextReader_close_then_read_warns() => Verify.VerifyAsync("""
            #nullable enable
            using System.IO;

            class Config
            {
                string? Finish(TextReader reader)
                {
                    reader.Close();
                    return {|LIFE001:reader|}.ReadLine();
                }
            }
            """);

        [Fact]
        public Task Socket_close_then_send_warns() => Verify.VerifyAsync("""
            using System.Net.Sockets;

            class Link
            {
                int Bye(Socket socket, byte[] farewell)
                {
                    socket.Close();
                    return {|LIFE001:socket|}.Send(farewell);
                }
            }
            """);

        [Fact]
        public Task Release_through_helper_two_calls_deep_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    Teardown(line);
                    {|LIFE001:line|}.Flush();
                }

                static void Teardown(Stream line)
                {
                    Hangup(line);
                }

                static void Hangup(Stream line)
                {
                    line.WriteByte(0x04);
                    line.Dispose();
                }
            }
            """);

        [Fact]
        public Task Release_through_abstract_release_callback_warns() => Verify.VerifyAsync("""
            using System;

            public abstract class Subdevice
            {
                public string Name { get; set; } = "";

                public abstract void Release();
            }

            class Bus
            {
                void Remove(Subdevice sd)
                {
                    sd.Release();
                    Console.WriteLine({|LIFE001:sd|}.Name);
                }
            }
            """);

        [Fact]
        public Task Release_through_virtual_release_callback_warns() => Verify.VerifyAsync("""
            public class Channel
            {
                public byte[] Buffer = new byte[4];

                public virtual void Release() { }
            }

            class Mixer
            {
                void Close(Channel channel)
                {
                    channel.Release();
                    {|LIFE001:channel|}.Buffer[0] = 0;
                }
            }
            """);

        [Fact]
        public Task Release_through_overridden_release_callback_warns() => Verify.VerifyAsync("""
            public abstract class Subdevice
            {
                public abstract void Release();
            }

            public sealed class Sensor : Subdevice
            {
                public int Frames { get; private set; }

                public override void Release() => Frames = 0;
            }

            class Bus
            {
                int Remove(Sensor sensor)
                {
                    sensor.Release();
                    return {|LIFE001:sensor|}.Frames;
                }
            }
            """);

        [Fact]
        public Task Release_through_a_helper_that_calls_the_release_callback_warns() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            public abstract class Node
            {
                public int Id { get; set; }

                protected internal abstract void Release();
            }

            public sealed class Registry
            {
                private readonly List<Node> _nodes = new List<Node>();

                public void Unregister(Node node)
                {
                    _nodes.Remove(node);
                    node.Release();
                }
            }

            class Bus
            {
                int Remove(Registry registry, Node node)
                {
                    registry.Unregister(node);
                    return {|LIFE001:node|}.Id;
                }
            }
            """);

        [Fact]
        public Task ArrayPool_return_then_index_read_warns() => Verify.VerifyAsync("""
            using System.Buffers;

            class Dma
            {
                byte Transfer()
                {
                    byte[] buf = ArrayPool<byte>.Shared.Rent(16);
                    buf[0] = 1;
                    ArrayPool<byte>.Shared.Return(buf);
                    return {|LIFE001:buf|}[0];
                }
            }
            """);

        [Fact]
        public Task ArrayPool_return_then_index_write_warns() => Verify.VerifyAsync("""
            using System.Buffers;

            class Dma
            {
                void Transfer(byte status)
                {
                    byte[] buf = ArrayPool<byte>.Shared.Rent(16);
                    ArrayPool<byte>.Shared.Return(buf);
                    {|LIFE001:buf|}[0] = status;
                }
            }
            """);

        [Fact]
        public Task Marshal_FreeHGlobal_then_ReadByte_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;

            class Registers
            {
                byte Read()
                {
                    IntPtr p = Marshal.AllocHGlobal(8);
                    Marshal.WriteByte(p, 1);
                    Marshal.FreeHGlobal(p);
                    return Marshal.ReadByte({|LIFE001:p|});
                }
            }
            """);

        [Fact]
        public Task Marshal_FreeCoTaskMem_then_write_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;

            class Registers
            {
                void Write()
                {
                    IntPtr p = Marshal.AllocCoTaskMem(8);
                    Marshal.FreeCoTaskMem(p);
                    Marshal.WriteInt32({|LIFE001:p|}, 0);
                }
            }
            """);

        [Fact]
        public Task GCHandle_free_then_address_read_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;

            class Pinned
            {
                IntPtr Pin(byte[] frame)
                {
                    GCHandle handle = GCHandle.Alloc(frame, GCHandleType.Pinned);
                    handle.Free();
                    return {|LIFE001:handle|}.AddrOfPinnedObject();
                }
            }
            """);

        [Fact]
        public Task Release_inside_try_then_use_after_finally_warns() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    try
                    {
                        line.WriteByte(0x04);
                        line.Dispose();
                    }
                    finally
                    {
                        Console.WriteLine("stopped");
                    }

                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Release_on_both_branches_of_if_then_use_after_it_warns() => Verify.VerifyAsync("""
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
                        line.Close();
                    }

                    return {|LIFE001:line|}.ReadByte();
                }
            }
            """);

        [Fact]
        public Task Release_in_every_switch_section_then_use_warns() => Verify.VerifyAsync("""
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
                            line.Dispose();
                            break;
                        default:
                            line.Close();
                            break;
                    }

                    {|LIFE001:line|}.WriteByte(0);
                }
            }
            """);

        [Fact]
        public Task Conditional_dispose_then_use_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line?.Dispose();
                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Null_checked_dispose_then_use_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    if (line != null)
                    {
                        line.Dispose();
                    }

                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Field_disposed_then_written_warns() => Verify.VerifyAsync("""
            using System.IO;

            sealed class SerialDriver
            {
                private readonly Stream _port;

                public SerialDriver(Stream port) => _port = port;

                public void Stop(byte[] farewell)
                {
                    _port.Dispose();
                    {|LIFE001:_port|}.Write(farewell, 0, farewell.Length);
                }
            }
            """);

        [Fact]
        public Task Field_disposed_through_this_then_written_warns() => Verify.VerifyAsync("""
            using System.IO;

            sealed class SerialDriver
            {
                private readonly Stream _port;

                public SerialDriver(Stream port) => this._port = port;

                public void Stop(byte[] farewell)
                {
                    this._port.Dispose();
                    {|LIFE001:this._port|}.Write(farewell, 0, farewell.Length);
                }
            }
            """);

        [Fact]
        public Task Field_disposed_asynchronously_then_flushed_warns() => Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            sealed class SerialDriver
            {
                private readonly Stream _port;

                public SerialDriver(Stream port) => _port = port;

                public async Task StopAsync()
                {
                    await _port.DisposeAsync();
                    await {|LIFE001:_port|}.FlushAsync();
                }
            }
            """);

        [Fact]
        public Task Field_passed_to_a_releasing_helper_then_used_warns() => Verify.VerifyAsync("""
            using System.IO;

            sealed class SerialDriver
            {
                private readonly Stream _port;

                public SerialDriver(Stream port) => _port = port;

                public void Stop()
                {
                    SendHangup(_port);
                    {|LIFE001:_port|}.Flush();
                }

                private static void SendHangup(Stream port)
                {
                    port.WriteByte(0x04);
                    port.Close();
                }
            }
            """);

        [Fact]
        public Task Property_chain_disposed_then_used_warns() => Verify.VerifyAsync("""
            using System.IO;

            public sealed class Device
            {
                public Stream Stream { get; } = new MemoryStream();
            }

            public sealed class Driver
            {
                public Device Device { get; } = new Device();

                public void Stop()
                {
                    this.Device.Stream.Dispose();
                    {|LIFE001:this.Device.Stream|}.Flush();
                }
            }
            """);

        [Fact]
        public Task This_passed_to_an_external_releasing_method_then_used_warns() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;

            public abstract class Node
            {
                public int Id { get; set; }

                protected internal abstract void Release();
            }

            public sealed class Registry
            {
                private readonly List<Node> _nodes = new List<Node>();

                public void Register(Node node) => _nodes.Add(node);

                public void Unregister(Node node)
                {
                    _nodes.Remove(node);
                    node.Release();
                }
            }

            public sealed class Sensor : Node
            {
                private readonly Registry _registry;

                public Sensor(Registry registry)
                {
                    _registry = registry;
                }

                protected internal override void Release() { }

                public void Detach()
                {
                    _registry.Unregister(this);
                    Console.WriteLine({|LIFE001:this|}.Id);
                }
            }
            """);

        [Fact]
        public Task Release_then_use_inside_a_lambda_warns() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                Action Stopper() => () =>
                {
                    var line = new MemoryStream();
                    line.Dispose();
                    {|LIFE001:line|}.Flush();
                };
            }
            """);

        [Fact]
        public Task Release_then_use_inside_a_local_function_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Run()
                {
                    Stop(new MemoryStream());

                    static void Stop(Stream line)
                    {
                        line.Dispose();
                        {|LIFE001:line|}.Flush();
                    }
                }
            }
            """);

        [Fact]
        public Task Release_then_use_in_an_async_method_after_awaits_warns() => Verify.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class Port
            {
                async Task Stop(Stream line, byte[] farewell)
                {
                    await line.WriteAsync(farewell, 0, farewell.Length);
                    line.Dispose();
                    await Task.Yield();
                    await {|LIFE001:line|}.FlushAsync();
                }
            }
            """);

        [Fact]
        public Task Dispose_in_finally_then_use_after_the_try_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Send(Stream line, byte value)
                {
                    try
                    {
                        line.WriteByte(value);
                    }
                    finally
                    {
                        line.Dispose();
                    }

                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Release_before_a_loop_then_use_inside_it_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Burst(Stream line, int count)
                {
                    line.Dispose();
                    for (int i = 0; i < count; i++)
                    {
                        {|LIFE001:line|}.WriteByte((byte)i);
                    }
                }
            }
            """);

        [Fact]
        public Task Iteration_variable_released_then_used_in_the_same_round_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Drain(Stream[] lines)
                {
                    foreach (var line in lines)
                    {
                        line.Dispose();
                        {|LIFE001:line|}.Flush();
                    }
                }
            }
            """);

        [Fact]
        public Task Released_local_read_to_compute_its_new_value_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                long Reopen(Stream line)
                {
                    line.Dispose();
                    line = new BufferedStream({|LIFE001:line|});
                    return line.Length;
                }
            }
            """);

        [Fact]
        public Task Dispose_then_conditional_access_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line.Dispose();
                    {|LIFE001:line|}?.Flush();
                }
            }
            """);

        [Fact]
        public Task Conditional_dispose_then_conditional_use_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    line?.Dispose();
                    {|LIFE001:line|}?.Flush();
                }
            }
            """);

        [Fact]
        public Task Dispose_through_a_cast_to_IDisposable_then_use_warns() => Verify.VerifyAsync("""
            using System;
            using System.IO;

            class Port
            {
                void Stop(Stream line)
                {
                    ((IDisposable)line).Dispose();
                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Generic_disposable_disposed_then_used_warns() => Verify.VerifyAsync("""
            using System;

            public interface IDevice : IDisposable
            {
                int Id { get; }
            }

            class Bus
            {
                int Remove<TDevice>(TDevice device)
                    where TDevice : IDevice
                {
                    device.Dispose();
                    return {|LIFE001:device|}.Id;
                }
            }
            """);

        [Fact]
        public Task Release_through_an_extension_method_warns() => Verify.VerifyAsync("""
            using System.IO;

            static class StreamExtensions
            {
                public static void Hangup(this Stream line)
                {
                    line.WriteByte(0x04);
                    line.Close();
                }
            }

            class Port
            {
                void Stop(Stream line)
                {
                    line.Hangup();
                    {|LIFE001:line|}.Flush();
                }
            }
            """);

        [Fact]
        public Task Helper_releasing_one_of_two_parameters_releases_that_argument_only() => Verify.VerifyAsync("""
            using System.IO;

            class Port
            {
                void Failover(Stream primary, Stream backup)
                {
                    Swap(next: backup, old: primary);
                    backup.WriteByte(1);
                    {|LIFE001:primary|}.WriteByte(1);
                }

                static void Swap(Stream old, Stream next)
                {
                    old.Dispose();
                    next.Flush();
                }
            }
            """);

        [Fact]
        public Task Releases_attribute_on_a_method_releases_the_receiver() => Verify.VerifyAsync("""
            using System;

            namespace Drivers.Contracts
            {
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
                public sealed class ReleasesAttribute : Attribute { }
            }

            namespace Drivers
            {
                using Drivers.Contracts;

                public sealed class DmaRegion
                {
                    public int Length { get; } = 4096;

                    [Releases]
                    public void Unmap() { }
                }

                class Engine
                {
                    int Stop(DmaRegion region)
                    {
                        region.Unmap();
                        return {|LIFE001:region|}.Length;
                    }
                }
            }
            """);

        [Fact]
        public Task Releases_attribute_on_a_parameter_releases_the_argument() => Verify.VerifyAsync("""
            using System;

            namespace Vendor.Sdk
            {
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
                internal sealed class ReleasesAttribute : Attribute { }

                public sealed class DmaRegion
                {
                    public int Length { get; } = 4096;
                }

                public static class Iommu
                {
                    public static void Unmap([Releases] DmaRegion region) { }
                }
            }

            namespace Drivers
            {
                using Vendor.Sdk;

                class Engine
                {
                    int Stop(DmaRegion region)
                    {
                        Iommu.Unmap(region);
                        return {|LIFE001:region|}.Length;
                    }
                }
            }
            """);

        [Fact]
        public Task Editorconfig_release_method_by_name_releases_the_receiver() => Verify.VerifyAsync(
            """
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
                        return {|LIFE001:camera|}.Frames;
                    }
                }
            }
            """,
            "lifetime_analyzers.release_methods = Shutdown, Drivers.BufferPool.Recycle(0)\n");

        [Fact]
        public Task Editorconfig_release_method_by_qualified_name_releases_the_receiver() => Verify.VerifyAsync(
            """
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
                        return {|LIFE001:camera|}.Frames;
                    }
                }
            }
            """,
            "lifetime_analyzers.release_methods = Drivers.Camera.Shutdown\n");

        [Fact]
        public Task Editorconfig_release_method_with_parameter_index_releases_the_argument() => Verify.VerifyAsync(
            """
            namespace Drivers
            {
                public sealed class Frame
                {
                    public byte[] Data = new byte[4];
                }

                public static class BufferPool
                {
                    public static void Recycle(Frame frame) { }
                }

                class Pipeline
                {
                    byte Complete(Frame frame)
                    {
                        BufferPool.Recycle(frame);
                        return {|LIFE001:frame|}.Data[0];
                    }
                }
            }
            """,
            "lifetime_analyzers.release_methods = Shutdown, Drivers.BufferPool.Recycle(0)\n");
    
        // Bodies are analysed when their type is complete: top-level statements belong to a type the compiler declares.
        [Fact]
        public Task Top_level_statements_use_after_dispose_warns()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using System.IO;

                    var stream = new MemoryStream();
                    stream.Dispose();
                    {|LIFE001:stream|}.WriteByte(1);
                    """,
            };
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task Use_after_dispose_in_a_nested_struct_and_its_outer_class_warns() => Verify.VerifyAsync("""
            using System.IO;

            class Outer
            {
                int Read(Stream s)
                {
                    s.Dispose();
                    return {|LIFE001:s|}.ReadByte();
                }

                struct Inner
                {
                    int Read(Stream s)
                    {
                        s.Dispose();
                        return {|LIFE001:s|}.ReadByte();
                    }
                }
            }
            """);
    }
}
