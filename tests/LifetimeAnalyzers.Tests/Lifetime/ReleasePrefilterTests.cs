using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>
    /// The cheap tests before the expensive work: a callee's syntax before binding it for a summary, a body's releases
    /// before its control-flow graph, and one graph per method for its summary and its own analysis.
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
    }
}
