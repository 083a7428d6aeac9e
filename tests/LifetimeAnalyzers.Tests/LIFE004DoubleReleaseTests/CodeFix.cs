using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using RemoveSecond = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.DoubleReleaseAnalyzer, LifetimeAnalyzers.CodeFixes.RemoveSecondReleaseFix>;
using ClearAfter = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.DoubleReleaseAnalyzer, LifetimeAnalyzers.CodeFixes.ClearAfterReleaseFix>;

namespace LifetimeAnalyzers.Tests.LIFE004DoubleReleaseTests
{
    public class CodeFix
    {
        private const string Twice = """
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                private IntPtr _ring = Marshal.AllocHGlobal(64);
                void Stop() { Marshal.FreeHGlobal(_ring); }
                void M()
                {
                    Stop();
                    {|LIFE004:Marshal.FreeHGlobal(_ring)|};
                }
                void N(IntPtr p)
                {
                    Marshal.FreeHGlobal(p);
                    {|LIFE004:Marshal.FreeHGlobal(p)|};
                }
            }
            """;

        [Fact]
        public Task Second_release_is_removed_everywhere() => RemoveSecond.VerifyAsync(Twice, """
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                private IntPtr _ring = Marshal.AllocHGlobal(64);
                void Stop() { Marshal.FreeHGlobal(_ring); }
                void M()
                {
                    Stop();
                }
                void N(IntPtr p)
                {
                    Marshal.FreeHGlobal(p);
                }
            }
            """);

        [Fact]
        public Task Pointer_is_cleared_after_the_first_release() => ClearAfter.VerifyAsync("""
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void N(IntPtr p)
                {
                    Marshal.FreeHGlobal(p);
                    {|LIFE004:Marshal.FreeHGlobal(p)|};
                }
            }
            """, """
            using System;
            using System.Runtime.InteropServices;
            class Dma
            {
                void N(IntPtr p)
                {
                    Marshal.FreeHGlobal(p);
                    p = IntPtr.Zero;
                    Marshal.FreeHGlobal(p);
                }
            }
            """);

        [Fact]
        public Task Neither_fix_is_offered_when_the_first_release_is_on_an_error_path_only() => RemoveSecond.VerifyNotOfferedAsync("""
            using System;
            using System.Runtime.InteropServices;
            static class Iommu
            {
                static bool s_ready;
                static void Probe(IntPtr dev) { if (!s_ready) { Marshal.FreeHGlobal(dev); } }
                static void AsyncProbe(IntPtr dev)
                {
                    Probe(dev);
                    {|LIFE004:Marshal.FreeHGlobal(dev)|};
                }
            }
            """, nameof(RemoveSecondReleaseFix));

        [Fact]
        public Task Clearing_is_not_offered_for_a_member_of_another_object() => ClearAfter.VerifyNotOfferedAsync("""
            using System;
            using System.Runtime.InteropServices;
            sealed class Block { public IntPtr Ptr { get; } = Marshal.AllocHGlobal(8); }
            class Dma
            {
                void N(Block b)
                {
                    Marshal.FreeHGlobal(b.Ptr);
                    {|LIFE004:Marshal.FreeHGlobal(b.Ptr)|};
                }
            }
            """, nameof(ClearAfterReleaseFix));

        [Fact]
        public Task Clearing_is_not_offered_for_a_pooled_array() => ClearAfter.VerifyNotOfferedAsync("""
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
            """, nameof(ClearAfterReleaseFix));
    }
}
