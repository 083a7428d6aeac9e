using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.DoubleReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.LIFE004DoubleReleaseTests
{
    public class Valid
    {
        [Fact]
        public Task Dispose_twice_is_idempotent_by_contract() => Verify.VerifyAsync("""
            using System.IO;
            class Port
            {
                void M(Stream s) { s.Dispose(); s.Dispose(); }
            }
            """);

        [Fact]
        public Task Pointer_cleared_after_the_first_free_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                private IntPtr _ring = Marshal.AllocHGlobal(64);
                void M()
                {
                    Marshal.FreeHGlobal(_ring);
                    _ring = IntPtr.Zero;
                    Marshal.FreeHGlobal(_ring);
                }
            }
            """);

        [Fact]
        public Task Free_on_one_branch_then_free_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void M(IntPtr p, bool early)
                {
                    if (early) { Marshal.FreeHGlobal(p); return; }
                    Marshal.FreeHGlobal(p);
                }
            }
            """);

        [Fact]
        public Task Allocation_and_free_per_iteration_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void M(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        var p = Marshal.AllocHGlobal(64);
                        Marshal.FreeHGlobal(p);
                    }
                }
            }
            """);

        [Fact]
        public Task Caller_that_checks_the_probe_result_before_freeing_is_silent() => Verify.VerifyAsync("""
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

                static void Probe(IntPtr dev)
                {
                    if (!DevIommuProbe(dev)) return;
                    Marshal.FreeHGlobal(dev);
                }
            }
            """);

        [Fact]
        public Task Freeing_a_handle_again_only_while_it_is_allocated_is_silent() => Verify.VerifyAsync("""
            using System.Runtime.InteropServices;
            class Pin
            {
                void M(byte[] buffer)
                {
                    var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
                    handle.Free();
                    if (handle.IsAllocated) handle.Free();
                }
            }
            """);

        [Fact]
        public Task Freeing_two_different_pointers_is_silent() => Verify.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void M(IntPtr a, IntPtr b) { Marshal.FreeHGlobal(a); Marshal.FreeHGlobal(b); }
            }
            """);

        [Fact]
        public Task Returning_a_rented_array_once_per_rent_is_silent() => Verify.VerifyAsync("""
            using System.Buffers;
            class Rx
            {
                void M()
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(256);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(512);
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            """);
    }
}
