using System.Linq;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Which source methods are worth binding for a summary, told from the names they call and what they hand over.</summary>
    public class ReleaseNamesTests
    {
        private const string Source = @"
using System;
using System.Buffers;
using System.IO;
class ReleaseCallbackAttribute : Attribute { }
class Port
{
    private Stream _stream = new MemoryStream();
    private byte[] _frame = new byte[4];
    void Log(string text) { }
    void Decode(int value) { Log(value.ToString()); _frame[0] = (byte)value; }
    void Send(int value) { Decode(value); _stream.WriteByte(_frame[0]); }
    void Stop() => _stream.Dispose();
    void Shutdown() { Log(""bye""); Stop(); }
    void Halt() { Shutdown(); }
    [ReleaseCallback] void Detach() { }
    void Unplug() { Detach(); }
    void Pool() { var rented = ArrayPool<byte>.Shared.Rent(4); ArrayPool<byte>.Shared.Return(rented); }
    void PoolHanded(byte[] rented) { ArrayPool<byte>.Shared.Return(rented); }
    void OwnLocal() { var copy = new MemoryStream(); copy.Dispose(); }
    void OwnUsing() { using (var copy = new MemoryStream()) { copy.WriteByte(1); } }
    void UsingField() { using (_stream) { } }
    void Fresh() { new MemoryStream().Dispose(); }
    void Handed(Stream stream) { stream.Close(); }
    void ShadowedElsewhere() { { var _stream = new MemoryStream(); _stream.Flush(); } _stream.Dispose(); }
    void LocalInLoop(Stream[] streams) { foreach (var each in streams) { each.Dispose(); } }
    void InLambda() { Action later = () => _stream.Dispose(); }
    void StopsLocal() { var port = new Port(); port.Stop(); }
    void StopsField(Port other) { other.Stop(); }
    void ToConsole(Stream stream) { Console.Write(stream); Console.Out.Write(stream); int.Parse(""1""); }
    void ToSink(Sink sink, Stream stream) { sink.Write(stream); }
    void ToMemory(MemoryStream memory, Stream stream) { memory.Write(new byte[1], 0, 1); }
    void ToOwnSink(Stream stream) { _sink.Write(stream); }
    void RetireIt(Stream stream) { stream.Retire(); }
    void FinishChained() { _sink?.Finish()?.Finish(); }
    void ToLevel(Level? level, Stream stream) { level?.Write(stream); }
    void ToGauge(Gauge? gauge, Stream stream) { gauge?.Write(stream); }
    private Sink _sink = new Sink();
}
class Sink
{
    private Stream _inner = new MemoryStream();
    public void Write(Stream stream) => stream.Dispose();
    public Sink? Finish() { _inner.Dispose(); return null; }
}
struct Level { public void Write(Stream stream) { } }
struct Gauge { public void Write(Stream stream) => stream.Dispose(); }
static class StreamRetirement { public static void Retire(this Stream stream) => stream.Dispose(); }";

        [Theory]
        [InlineData("Decode", 4, false)]
        [InlineData("Send", 4, false)]
        [InlineData("Stop", 0, true)]
        [InlineData("Shutdown", 1, true)]
        [InlineData("Shutdown", 0, false)]
        [InlineData("Halt", 2, true)]
        [InlineData("Halt", 1, false)]
        [InlineData("Unplug", 0, true)]
        [InlineData("Pool", 0, false)]
        [InlineData("PoolHanded", 0, true)]
        [InlineData("OwnLocal", 0, false)]
        [InlineData("OwnUsing", 0, false)]
        [InlineData("UsingField", 0, true)]
        [InlineData("Fresh", 0, false)]
        [InlineData("Handed", 0, true)]
        [InlineData("ShadowedElsewhere", 0, true)]
        [InlineData("LocalInLoop", 0, false)]
        [InlineData("InLambda", 0, false)]
        [InlineData("StopsLocal", 1, false)]
        [InlineData("StopsField", 1, true)]
        [InlineData("ToConsole", 1, false)]
        [InlineData("ToSink", 1, true)]
        [InlineData("ToSink", 0, false)]
        [InlineData("ToMemory", 1, false)]
        [InlineData("ToOwnSink", 1, true)]
        [InlineData("RetireIt", 1, true)]
        [InlineData("FinishChained", 1, true)]
        [InlineData("ToLevel", 1, false)]
        [InlineData("ToGauge", 1, true)]
        public void A_method_could_release_only_through_a_name_that_can(string method, int depth, bool could)
        {
            Assert.Equal(could, CouldRelease(Context(Source), "Port", method, depth));
        }

        /// <summary>A static import makes any name in its own file a possible member of a source type; not in other files.</summary>
        [Theory]
        [InlineData("Port", "ToConsole", false)]
        [InlineData("Shouter", "Shout", true)]
        public void A_static_import_counts_only_in_its_own_file(string type, string method, bool could)
        {
            var context = Context(Source, @"
using static System.Console;
class Shouter { void Shout(System.IO.Stream stream) { Out.Write(stream); } }");
            Assert.Equal(could, CouldRelease(context, type, method, 1));
        }

        /// <summary>
        /// A name no source method declares runs none, whatever the receiver: a delegate, a local function, a member the
        /// compiler makes (a record's <c>Deconstruct</c>), a compiled method.
        /// </summary>
        [Theory]
        [InlineData("ToCallback", false)]
        [InlineData("ToLocalFunction", false)]
        [InlineData("Unpack", false)]
        [InlineData("ToWriter", false)]
        [InlineData("DropAll", true)]
        public void A_name_no_source_method_declares_runs_no_source_code(string method, bool could)
        {
            var context = Context(@"
using System;
using System.IO;
record Frame(Stream Body) { public void Drop() => Body.Dispose(); }
class Mux
{
    void ToCallback(Action<Stream> callback, Stream stream) { callback(stream); }
    void ToLocalFunction(Stream stream) { Keep(stream); static void Keep(Stream s) { } }
    void Unpack(Frame frame) { frame.Deconstruct(out var body); }
    void ToWriter(TextWriter writer, Stream stream) { writer.Write(stream); }
    void DropAll(Frame frame) { frame.Drop(); }
}");
            Assert.Equal(could, CouldRelease(context, "Mux", method, 1));
        }

        /// <summary>
        /// An extension method is found wherever C# lets one be declared: a static class, or a part of a partial one that
        /// does not repeat <c>static</c>. Else a call on a compiled type (a stream) would run no source code.
        /// </summary>
        [Theory]
        [InlineData("ToStatic")]
        [InlineData("ToPartialPart")]
        public void Extension_methods_are_found_in_every_part_of_a_static_class(string method)
        {
            var context = Context(@"
using System.IO;
class Mux
{
    void ToStatic(Stream stream) { stream.Drop(); }
    void ToPartialPart(Stream stream) { stream.Retire(); }
}
static class StreamDrops { public static void Drop(this Stream stream) => stream.Dispose(); }",
                @"
using System.IO;
static partial class StreamRetirement { }
partial class StreamRetirement { public static void Retire(this Stream stream) => stream.Dispose(); }");
            Assert.True(CouldRelease(context, "Mux", method, 1));
        }

        private static bool CouldRelease(LifetimeContext context, string type, string method, int depth) =>
            context.ReleaseNames.CouldRelease(context.Compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single(), depth, default);

        private static LifetimeContext Context(params string[] sources)
        {
            var compilation = TestReferences.CompileWithoutErrors("Names", sources.Select(source => CSharpSyntaxTree.ParseText(source)));
            return EngineInputs.ContextOf(compilation);
        }
    }
}
