using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.DoubleReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE004DoubleReleaseTests
{
    public class Diagnostics
    {
        [Fact]
        public Task FreeHGlobal_twice_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void M()
                {
                    var p = Marshal.AllocHGlobal(64);
                    {|#1:Marshal.FreeHGlobal(p)|};
                    {|#0:Marshal.FreeHGlobal(p)|};
                }
            }
            """, Verify.Diagnostic("LIFE004").WithLocation(0).WithLocation(1).WithArguments("p", "'Marshal.FreeHGlobal(p)'", ""));

        [Fact]
        public Task GCHandle_freed_twice_warns() => Verify.VerifyAsync("""
            using System.Runtime.InteropServices;
            class Pin
            {
                void M(byte[] buffer)
                {
                    var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
                    handle.Free();
                    {|LIFE004:handle.Free()|};
                }
            }
            """);

        [Fact]
        public Task Array_returned_to_its_pool_twice_warns() => Verify.VerifyAsync("""
            using System.Buffers;
            class Rx
            {
                void M()
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(256);
                    ArrayPool<byte>.Shared.Return(buffer);
                    {|LIFE004:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
            """);

        [Fact]
        public Task Pooled_memory_owner_disposed_twice_warns() => Verify.VerifyAsync("""
            using System.Buffers;
            class Rx
            {
                void M()
                {
                    var owner = MemoryPool<byte>.Shared.Rent(256);
                    owner.Dispose();
                    {|LIFE004:owner.Dispose()|};
                }
            }
            """);

        [Fact]
        public Task Field_freed_by_the_unregister_helper_and_again_in_the_release_callback_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            public abstract class Subdevice { protected internal abstract void Release(); }
            public sealed class Capture : Subdevice
            {
                private IntPtr _ring = Marshal.AllocHGlobal(4096);
                private void Unregister() { Marshal.FreeHGlobal(_ring); }
                protected internal override void Release()
                {
                    Unregister();
                    {|LIFE004:Marshal.FreeHGlobal(_ring)|};
                }
            }
            """);

        [Fact]
        public Task Helper_that_frees_its_parameter_followed_by_the_callers_free_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            static class Iommu
            {
                static void DevIommuFree(IntPtr dev) => Marshal.FreeHGlobal(dev);
                static void Probe(IntPtr dev)
                {
                    DevIommuFree(dev);
                    {|LIFE004:Marshal.FreeHGlobal(dev)|};
                }
            }
            """);

        [Fact]
        public Task Probe_that_frees_on_its_error_path_followed_by_the_callers_free_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            static class Iommu
            {
                static bool s_ready;
                static void DevIommuFree(IntPtr dev) => Marshal.FreeHGlobal(dev);
                static bool DevIommuProbe(IntPtr dev)
                {
                    if (!s_ready)
                    {
                        DevIommuFree(dev);
                        return false;
                    }

                    return true;
                }

                static void AsyncProbe(IntPtr dev)
                {
                    {|#1:DevIommuProbe(dev)|};
                    {|#0:Marshal.FreeHGlobal(dev)|};
                }
            }
            """, Verify.Diagnostic("LIFE004").WithLocation(0).WithLocation(1)
                .WithArguments("dev", "'DevIommuProbe(dev)'", " on one of its paths (Iommu.DevIommuProbe → Iommu.DevIommuFree → Marshal.FreeHGlobal)"));

        [Fact]
        public Task Probe_that_frees_on_its_error_path_then_a_write_then_the_callers_free_through_a_helper_warns() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            static class Iommu
            {
                static bool s_ready;
                static void DevIommuFree(IntPtr dev) => Marshal.FreeHGlobal(dev);
                static void DevIommuProbe(IntPtr dev)
                {
                    if (!s_ready)
                    {
                        DevIommuFree(dev);
                    }
                }

                static void AsyncProbe(IntPtr dev)
                {
                    DevIommuProbe(dev);
                    Marshal.WriteByte(dev, 0);
                    {|LIFE004:DevIommuFree(dev)|};
                }
            }
            """);

        [Fact]
        public Task Probe_result_discarded_explicitly_is_still_blind() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            static class Iommu
            {
                static bool s_ready;
                static bool DevIommuProbe(IntPtr dev)
                {
                    if (!s_ready) { Marshal.FreeHGlobal(dev); return false; }
                    return true;
                }

                static void AsyncProbe(IntPtr dev)
                {
                    _ = DevIommuProbe(dev);
                    {|LIFE004:Marshal.FreeHGlobal(dev)|};
                }
            }
            """);

        [Fact]
        public Task Attributed_release_twice_warns() => Verify.VerifyAsync("""
            namespace Vendor
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Parameter)]
                sealed class ReleasesAttribute : System.Attribute { }
                static class Native { public static void Close([Releases] int handle) { } }
                class Port
                {
                    void M(int handle)
                    {
                        Native.Close(handle);
                        {|LIFE004:Native.Close(handle)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Dispose_twice_of_a_type_configured_as_not_idempotent_warns() => Verify.VerifyAsync("""
            namespace Vendor
            {
                sealed class DmaBuffer : System.IDisposable { public void Dispose() { } }
                class Port
                {
                    void M(DmaBuffer buffer)
                    {
                        buffer.Dispose();
                        {|LIFE004:buffer.Dispose()|};
                    }
                }
            }
            """, "lifetime_analyzers.LIFE004.non_idempotent_types = Vendor.DmaBuffer\n");
    }
}
