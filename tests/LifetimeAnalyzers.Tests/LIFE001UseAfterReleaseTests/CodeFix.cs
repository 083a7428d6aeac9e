using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer, LifetimeAnalyzers.CodeFixes.ReadBeforeReleaseFix>;

namespace LifetimeAnalyzers.Tests.LIFE001UseAfterReleaseTests
{
    public class CodeFix
    {
        private const string Vimc = @"
using System.Collections.Generic;
public sealed class MediaPad { }
public abstract class Subdevice { protected internal abstract void Release(); }
public sealed class MediaDevice
{
    private readonly List<Subdevice> _subdevs = new();
    public void UnregisterSubdev(Subdevice sd) { _subdevs.Remove(sd); sd.Release(); }
}
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
";

        [Fact]
        public Task Vimc_pads_are_read_into_a_local_before_the_release() => Verify.VerifyAsync(Vimc + @"
static class Entities
{
    static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        md.UnregisterSubdev(ved);
        CleanupPads({|LIFE001:ved|}.Pads);
    }
}", Vimc + @"
static class Entities
{
    static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        var pads = ved.Pads;
        md.UnregisterSubdev(ved);
        CleanupPads(pads);
    }
}");

        [Fact]
        public Task Two_late_reads_of_one_member_share_one_local() => Verify.VerifyAsync(@"
using System.IO;
class Port : System.IDisposable { public string Name = """"; public void Dispose() { } }
class C
{
    void M(Port port, TextWriter log)
    {
        port.Dispose();
        log.WriteLine({|LIFE001:port|}.Name);
        log.WriteLine({|LIFE001:port|}.Name.Length);
    }
}", @"
using System.IO;
class Port : System.IDisposable { public string Name = """"; public void Dispose() { } }
class C
{
    void M(Port port, TextWriter log)
    {
        var name = port.Name;
        port.Dispose();
        log.WriteLine(name);
        log.WriteLine(name.Length);
    }
}");

        [Fact]
        public Task Local_name_avoids_names_in_scope() => Verify.VerifyAsync(@"
class Port : System.IDisposable { public int Name; public void Dispose() { } }
class C
{
    int M(Port port, int name)
    {
        port.Dispose();
        return name + {|LIFE001:port|}.Name;
    }
}", @"
class Port : System.IDisposable { public int Name; public void Dispose() { } }
class C
{
    int M(Port port, int name)
    {
        var name2 = port.Name;
        port.Dispose();
        return name + name2;
    }
}");

        [Fact]
        public Task Release_on_both_branches_hoists_before_the_if() => Verify.VerifyAsync(@"
class Port : System.IDisposable { public int Id; public void Dispose() { } public void Close() => Dispose(); }
class C
{
    int M(Port port, bool quick)
    {
        if (quick) { port.Dispose(); } else { port.Close(); }
        return {|LIFE001:port|}.Id;
    }
}", @"
class Port : System.IDisposable { public int Id; public void Dispose() { } public void Close() => Dispose(); }
class C
{
    int M(Port port, bool quick)
    {
        var id = port.Id;
        if (quick) { port.Dispose(); } else { port.Close(); }
        return id;
    }
}");

        [Fact]
        public Task FixAll_fixes_every_method_in_the_document() => Verify.VerifyAsync(@"
class Port : System.IDisposable { public int Id; public void Dispose() { } }
class C
{
    int A(Port port) { port.Dispose(); return {|LIFE001:port|}.Id; }
    int B(Port other) { other.Dispose(); return {|LIFE001:other|}.Id; }
}", @"
class Port : System.IDisposable { public int Id; public void Dispose() { } }
class C
{
    int A(Port port) { var id = port.Id; port.Dispose(); return id; }
    int B(Port other) { var id = other.Id; other.Dispose(); return id; }
}");

        [Fact]
        public Task Not_offered_for_a_method_call_on_the_released_object() => Verify.VerifyNotOfferedAsync(@"
using System.IO;
class C
{
    void M(Stream s)
    {
        s.Dispose();
        {|LIFE001:s|}.Flush();
    }
}", nameof(ReadBeforeReleaseFix));

        [Fact]
        public Task Not_offered_for_a_write_to_the_released_object() => Verify.VerifyNotOfferedAsync(@"
class Port : System.IDisposable { public int Id; public void Dispose() { } }
class C
{
    void M(Port port)
    {
        port.Dispose();
        {|LIFE001:port|}.Id = 1;
    }
}", nameof(ReadBeforeReleaseFix));
    }
}
