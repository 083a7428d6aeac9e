using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;
using VerifyDouble = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.DoubleReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>
    /// The cheap tests before the expensive work: a callee's syntax before binding it for a summary, a body's releases
    /// before its control-flow graph, and one graph per method for its summary and its own analysis. A call is asked
    /// what it releases only where the body may mention what it was handed afterwards: the cases below are the ones
    /// where "afterwards" is not "written later".
    /// </summary>
    public class ReleasePrefilterTests
    {
        [Fact]
        public Task Helper_that_releases_only_with_a_using_statement_releases_its_parameter() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void Drain(Stream s) { using (s) { } }
    void M(Stream stream)
    {
        Drain(stream);
        {|LIFE001:stream|}.Flush();
    }
}");

        [Fact]
        public Task Partial_helper_is_read_in_its_implementation() => Verify.VerifyAsync(@"
using System.IO;
partial class C
{
    static partial void Close(Stream s);
    void M(Stream stream)
    {
        Close(stream);
        {|LIFE001:stream|}.Flush();
    }
}
partial class C
{
    static partial void Close(Stream s) { s.Dispose(); }
}");

        [Fact]
        public Task Helper_without_any_call_releases_nothing() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static int Scale(Stream s, int factor) { var length = (int)s.Length; return length * factor; }
    static int Twice(Stream s) => Scale(s, 2);
    void M(Stream stream)
    {
        Twice(stream);
        stream.Flush();
    }
}");

        [Fact]
        public Task Release_only_inside_a_lambda_is_still_analysed() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    void M(Stream stream)
    {
        Action close = () =>
        {
            stream.Dispose();
            {|LIFE001:stream|}.Flush();
        };
        close();
    }
}");

        [Fact]
        public Task Method_summarised_for_its_caller_and_analysed_itself_warns_in_both() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void Close(Stream s)
    {
        s.Dispose();
        {|LIFE001:s|}.Flush();
    }

    void M(Stream stream)
    {
        Close(stream);
        {|LIFE001:stream|}.Flush();
    }
}");

        // The increment of a for loop is written before its body and runs after it.
        [Fact]
        public Task Use_in_a_for_loop_increment_written_before_the_release_warns() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream stream, int count)
    {
        for (var i = 0; i < count; i++, {|LIFE001:stream|}.Flush())
        {
            stream.Dispose();
        }
    }
}");

        [Fact]
        public Task Use_after_a_goto_back_to_a_label_before_the_release_is_analysed() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream stream, bool again)
    {
        goto close;
    use:
        {|LIFE001:stream|}.Flush();
        return;
    close:
        stream.Dispose();
        goto use;
    }
}");

        // Nothing written after the first release names _buffer, but the helper called after it returns it again.
        [Fact]
        public Task Second_release_through_a_helper_handed_this_warns() => VerifyDouble.VerifyAsync(@"
using System.Buffers;
class C
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16);

    void ReturnBuffer() => ArrayPool<byte>.Shared.Return(_buffer);

    void M()
    {
        {|#1:ArrayPool<byte>.Shared.Return(_buffer)|};
        {|#0:ReturnBuffer()|};
    }
}", VerifyDouble.Diagnostic("LIFE004").WithLocation(0).WithLocation(1).WithArguments("_buffer", "'ArrayPool<byte>.Shared.Return(_buffer)'", ""));

        // What follows a return does not run after it; the other branch of an if does not either; a lambda runs on its own.
        [Fact]
        public Task Mentions_that_cannot_run_after_the_release_are_silent() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    static int Close(Stream s) { s.Dispose(); return 0; }

    int M(Stream stream, bool early)
    {
        if (early)
        {
            return Close(stream);
        }
        else
        {
            stream.Flush();
        }

        Action later = () => stream.Flush();
        later();
        return (int)stream.Length;
    }
}");

        // A helper is bound for its summary only when it calls something by a name that can release: these are the
        // names a release can hide behind.
        [Fact]
        public Task Helper_calling_a_configured_release_by_name_releases_its_parameter() => Verify.VerifyAsync(@"
class Camera { public int Frames; public void Shutdown() { Frames = 0; } }
class C
{
    static void Stop(Camera camera) { camera.Shutdown(); }
    int M(Camera camera)
    {
        Stop(camera);
        return {|LIFE001:camera|}.Frames;
    }
}", "lifetime_analyzers.release_methods = Shutdown\n");

        [Fact]
        public Task Helper_calling_a_method_marked_as_a_release_releases_its_parameter() => Verify.VerifyAsync(@"
using System;
class ReleasesAttribute : Attribute { }
class Camera { public int Frames; }
static class Native { public static void Drop([Releases] Camera camera) { camera.Frames = 0; } }
class C
{
    static void Stop(Camera camera) { Native.Drop(camera); }
    int M(Camera camera)
    {
        Stop(camera);
        return {|LIFE001:camera|}.Frames;
    }
}");

        // Calls by names that release nothing by themselves are not asked about attributes, unless the attributes are
        // declared somewhere: here only in a referenced project, on a method of that project.
        [Fact]
        public Task Method_of_a_referenced_project_marked_as_a_release_releases_its_argument() => Verify.VerifyWithLibraryAsync(@"
using Contracts;
class C
{
    int M(Camera camera)
    {
        Native.Drop(camera);
        return {|LIFE001:camera|}.Frames;
    }
}", @"
namespace Contracts
{
    public sealed class ReleasesAttribute : System.Attribute { }
    public sealed class Camera { public int Frames; }
    public static class Native { public static void Drop([Releases] Camera camera) { camera.Frames = 0; } }
}");

        [Fact]
        public Task Helper_reaching_a_release_three_calls_down_by_ordinary_names_releases_its_parameter() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void Finish(Stream s) { s.Dispose(); }
    static void Complete(Stream s) { s.Flush(); Finish(s); }
    static void Stop(Stream s) { Complete(s); }
    void M(Stream stream)
    {
        Stop(stream);
        {|LIFE001:stream|}.Flush();
    }
}");

        /// <summary>
        /// LIFE001 and LIFE004 read one flow per body, run by whichever comes first and kept by the body's type: each finds
        /// the same, run together or alone, in several types, a partial one of them across two files, and a nested one.
        /// </summary>
        [Fact]
        public async Task Both_flow_rules_find_the_same_from_the_flows_they_share_as_alone()
        {
            var port = CSharpSyntaxTree.ParseText(@"using System;
using System.IO;
using System.Runtime.InteropServices;
partial class Port
{
    void Close(Stream s)
    {
        s.Dispose();
        s.Flush();
    }

    class Buffer
    {
        void Free(IntPtr p)
        {
            Marshal.FreeHGlobal(p);
            Marshal.FreeHGlobal(p);
        }
    }
}", path: "Port.cs");
            var rest = CSharpSyntaxTree.ParseText(@"using System;
using System.IO;
using System.Runtime.InteropServices;
partial class Port
{
    void Free(IntPtr p)
    {
        Marshal.FreeHGlobal(p);
        Marshal.FreeHGlobal(p);
    }
}
class Sensor
{
    void Stop(Stream s, IntPtr p)
    {
        s.Dispose();
        Marshal.FreeHGlobal(p);
        s.Flush();
        Marshal.FreeHGlobal(p);
    }
}", path: "Rest.cs");
            var compilation = TestReferences.CompileWithoutErrors("Flows", new[] { port, rest });
            var expected = new[]
            {
                "LIFE001 Port.cs:9", "LIFE001 Rest.cs:18",
                "LIFE004 Port.cs:17", "LIFE004 Rest.cs:19", "LIFE004 Rest.cs:9",
            };

            var together = await FindingsAsync(compilation, new UseAfterReleaseAnalyzer(), new DoubleReleaseAnalyzer());
            var alone = (await FindingsAsync(compilation, new UseAfterReleaseAnalyzer())).Concat(await FindingsAsync(compilation, new DoubleReleaseAnalyzer()));
            Assert.Equal(expected, together);
            Assert.Equal(expected, alone.OrderBy(f => f, System.StringComparer.Ordinal));
        }

        private static async Task<string[]> FindingsAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers) =>
            (await AnalyzerRun.FindingsAsync(compilation, ImmutableArray.Create(analyzers)))
                .Select(d => $"{d.Id} {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
                .OrderBy(f => f, System.StringComparer.Ordinal)
                .ToArray();
    }
}
