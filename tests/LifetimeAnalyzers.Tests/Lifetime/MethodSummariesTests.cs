using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Per-method summaries: which parameters and members a source method releases on every path.</summary>
    public class MethodSummariesTests
    {
        private const string Vimc = @"
using System.Collections.Generic;
public sealed class MediaPad { }
public abstract class Subdevice { protected internal abstract void Release(); }
public sealed class MediaDevice
{
    private readonly List<Subdevice> _subdevs = new();
    public void RegisterSubdev(Subdevice sd) => _subdevs.Add(sd);
    public void UnregisterSubdev(Subdevice sd) { _subdevs.Remove(sd); sd.Release(); }
}
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
";

        [Fact]
        public Task Release_through_a_release_callback_names_the_chain() => Verify.VerifyAsync(Vimc + @"
static class Entities
{
    static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        {|#1:md.UnregisterSubdev(ved)|};
        CleanupPads({|#0:ved|}.Pads);
    }
}",
            Verify.Diagnostic("LIFE001").WithLocation(0).WithLocation(1)
                .WithArguments("ved", "'md.UnregisterSubdev(ved)'", " (MediaDevice.UnregisterSubdev → Subdevice.Release)"));

        [Fact]
        public Task Helper_that_releases_a_member_of_its_parameter_releases_it_at_the_call() => Verify.VerifyAsync(@"
using System.IO;
class Port { public Stream Stream = new MemoryStream(); }
class C
{
    static void Close(Port p) { p.Stream.Dispose(); }
    void M(Port port)
    {
        Close(port);
        {|LIFE001:port.Stream|}.Flush();
        port.Stream = new MemoryStream();
        port.Stream.Flush();
    }
}");

        [Fact]
        public Task Own_close_that_disposes_this_releases_the_receiver() => Verify.VerifyAsync(@"
using System;
class Port : IDisposable
{
    public void Dispose() { }
    public void Close() => Dispose();
    public void Write(byte b) { }
}
class C
{
    void M(Port port)
    {
        port.Close();
        {|LIFE001:port|}.Write(1);
    }
}");

        [Fact]
        public Task Release_deeper_than_the_summary_depth_is_not_followed() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void H1(Stream s) => H2(s);
    static void H2(Stream s) => H3(s);
    static void H3(Stream s) => H4(s);
    static void H4(Stream s) => H5(s);
    static void H5(Stream s) => s.Dispose();
    void M(Stream s) { H1(s); s.Flush(); }
}");

        [Fact]
        public Task Release_on_an_error_path_only_is_not_a_use_after_release() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static bool s_ready;
    static void Probe(Stream s) { if (!s_ready) { s.Dispose(); return; } }
    void M(Stream s) { Probe(s); s.Flush(); }
}");

        [Fact]
        public Task Release_through_a_helper_whose_arguments_the_graph_spills_is_followed() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void Close(Stream s, int code) => s.Dispose();
    void M(Stream s, bool quick) { Close(s, quick ? 1 : 2); {|LIFE001:s|}.Flush(); }
}");

        [Fact]
        public Task Release_four_calls_deep_is_followed() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    static void H1(Stream s) => H2(s);
    static void H2(Stream s) => H3(s);
    static void H3(Stream s) => s.Dispose();
    void M(Stream s) { H1(s); {|LIFE001:s|}.Flush(); }
}");
    }
}
