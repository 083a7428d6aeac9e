using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>The control-flow part of the engine: which releases hold on every path, seen through LIFE001.</summary>
    public class ReleaseFlowTests
    {
        [Fact]
        public Task Release_in_finally_then_use_after_it_warns() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream s)
    {
        try { s.WriteByte(1); }
        finally { s.Dispose(); }
        {|LIFE001:s|}.Flush();
    }
}");

        [Fact]
        public Task End_of_using_is_named_as_such() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream s)
    {
        using ({|#1:s|}) { s.WriteByte(1); }
        {|#0:s|}.Flush();
    }
}", Verify.Diagnostic("LIFE001").WithLocation(0).WithLocation(1).WithArguments("s", "the end of the 'using' statement", ""));

        [Fact]
        public Task Asking_whether_the_object_is_disposed_is_not_a_use() => Verify.VerifyAsync(@"
class Handle : System.IDisposable { public bool IsDisposed { get; private set; } public void Dispose() => IsDisposed = true; }
class C
{
    bool M(Handle h)
    {
        h.Dispose();
        return h.IsDisposed;
    }
}");

        [Fact]
        public Task Null_conditional_release_is_named_whole_in_the_message() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    Stream? _s;
    void M()
    {
        {|#1:_s?.Dispose()|};
        {|#0:_s|}!.Flush();
    }
}", Verify.Diagnostic("LIFE001").WithLocation(0).WithLocation(1).WithArguments("_s", "'_s?.Dispose()'", ""));

        [Fact]
        public Task Member_read_through_null_conditional_after_release_warns_once() => Verify.VerifyAsync(@"
using System;
class Device : IDisposable { public byte[]? Pads; public void Dispose() { } }
class C
{
    int M(Device d)
    {
        d.Dispose();
        return {|LIFE001:d|}.Pads?.Length ?? 0;
    }
}");

        [Fact]
        public Task Release_in_try_with_catch_then_use_after_it_is_silent() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    void M(Stream s)
    {
        try { s.WriteByte(1); s.Dispose(); }
        catch (IOException) { Console.WriteLine(""failed""); }
        s.Flush();
    }
}");

        [Fact]
        public Task Released_before_try_stays_released_in_catch() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    void M(Stream s)
    {
        s.Dispose();
        try { Console.WriteLine(1); }
        catch (Exception) { {|LIFE001:s|}.Flush(); }
    }
}");

        [Fact]
        public Task Null_conditional_release_then_use_warns() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    Stream? _s;
    void M()
    {
        _s?.Dispose();
        {|LIFE001:_s|}!.Flush();
    }
}");

        [Fact]
        public Task Release_in_loop_body_then_use_after_loop_is_silent() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream s, int n)
    {
        for (var i = 0; i < n; i++) { s.Dispose(); }
        s.Flush();
    }
}");

        [Fact]
        public Task Release_before_loop_then_use_inside_it_warns() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void M(Stream s, int n)
    {
        s.Dispose();
        for (var i = 0; i < n; i++) { {|LIFE001:s|}.WriteByte(1); }
    }
}");

        [Fact]
        public Task Member_of_released_object_is_a_use_even_when_written() => Verify.VerifyAsync(@"
class Buffer : System.IDisposable { public int Length; public void Dispose() { } }
class C
{
    void M(Buffer b)
    {
        b.Dispose();
        {|LIFE001:b|}.Length = 0;
    }
}");

        [Fact]
        public Task Call_that_may_reassign_a_member_forgets_its_release() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    private Stream _s = new MemoryStream();
    void Reopen() { _s = new MemoryStream(); }
    void M()
    {
        _s.Dispose();
        Reopen();
        _s.Flush();
    }
}");

        [Fact]
        public Task Call_that_does_not_touch_the_member_keeps_its_release() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    private Stream _s = new MemoryStream();
    private int _count;
    void Count() { _count++; }
    void M()
    {
        _s.Dispose();
        Count();
        {|LIFE001:_s|}.Flush();
    }
}");

        // What the object's own calls assign is followed through their calls on this in turn.
        [Fact]
        public Task Call_that_reassigns_a_member_two_calls_down_forgets_its_release() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    private Stream _s = new MemoryStream();
    private int _count;
    void Open() { _s = new MemoryStream(); }
    void Reset() { _count = 0; Open(); }
    void M()
    {
        _s.Dispose();
        Reset();
        _s.Flush();
    }
}");

        [Fact]
        public Task Calls_that_assign_other_members_two_calls_down_keep_its_release() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    private Stream _s = new MemoryStream();
    private int _count;
    void Count() { _count++; }
    void Reset() { _count = 0; Count(); }
    void M()
    {
        _s.Dispose();
        Reset();
        {|LIFE001:_s|}.Flush();
    }
}");

        [Fact]
        public Task Use_inside_lambda_declared_after_release_is_silent() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    Action M(Stream s)
    {
        s.Dispose();
        return () => s.Flush();
    }
}");

        [Fact]
        public Task Release_and_use_inside_lambda_warns() => Verify.VerifyAsync(@"
using System;
using System.IO;
class C
{
    Action M() => () =>
    {
        var s = new MemoryStream();
        s.Dispose();
        {|LIFE001:s|}.Flush();
    };
}");

        [Fact]
        public Task Recursive_helpers_end_in_silence() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    void A(Stream s, int n) { if (n > 0) B(s, n - 1); }
    void B(Stream s, int n) { A(s, n); }
    void M(Stream s) { A(s, 3); s.Flush(); }
}");
    }
}
