using System.Linq;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>
    /// Which calls a body's release flow asks about: those handed a place the body may mention after them. Each case
    /// names the call by its text and says whether it is followed.
    /// </summary>
    public class LaterMentionsTests
    {
        private const string Types = @"
using System;
using System.IO;
class Port { public Stream Stream = new MemoryStream(); }
class C
{
    private Stream _log = new MemoryStream();
    private Port _port = new Port();
    private Stream Current { get; set; } = Stream.Null;
    static void Close(Stream s) => s.Dispose();
    void Flush() => _log.Flush();
    static void Log(string text) { }
";

        [Theory]
        // A local named again later, and one never named again.
        [InlineData("void M(Stream a, Stream b) { Close(a); a.Flush(); Close(b); }", "Close(a)", true)]
        [InlineData("void M(Stream a, Stream b) { Close(a); a.Flush(); Close(b); }", "Close(b)", false)]
        // A member of what was handed counts; what contains it only when a source method is handed it (its summary may release the member).
        [InlineData("void M() { Close(_port.Stream); _port.Stream.Flush(); }", "Close(_port.Stream)", true)]
        [InlineData("void M() { Close(_port.Stream); Log(_port.ToString()); }", "Close(_port.Stream)", false)]
        [InlineData("void M() { Close(_log); Shut(); } void Shut() => _log.Dispose();", "Close(_log)", true)]
        // The other branch of an if, code after a return, and a lambda do not run after the call.
        [InlineData("void M(Stream a, bool c) { if (c) { Close(a); } else { a.Flush(); } }", "Close(a)", false)]
        [InlineData("int M(Stream a, bool c) { if (c) { return Sum(a); } return (int)a.Length; } static int Sum(Stream s) => 0;", "Sum(a)", false)]
        [InlineData("void M(Stream a) { Close(a); Action later = () => a.Flush(); }", "Close(a)", false)]
        [InlineData("void M(Stream a, bool c) { if (c) { Close(a); return; } a.Flush(); }", "Close(a)", false)]
        [InlineData("void M(Stream a, bool c) { if (c) { Close(a); throw new IOException(); } a.Flush(); }", "Close(a)", false)]
        // A return inside a try whose catch carries on does not end the method.
        [InlineData("void M(Stream a, bool c) { try { if (c) { Close(a); throw new IOException(); } } catch (IOException) { } a.Flush(); }", "Close(a)", true)]
        [InlineData("int M(Stream a) { try { return Sum(a); } catch (IOException) { } return (int)a.Length; } static int Sum(Stream s) => 0;", "Sum(a)", true)]
        // A loop runs what is written before the call after it; a loop outside the call's own lambda does not.
        [InlineData("void M(Stream a) { for (var i = 0; i < 2; i++) { a.Flush(); Close(a); } }", "Close(a)", true)]
        [InlineData("void M(Stream[] all) { foreach (var a in all) { Action close = () => Close(a); } }", "Close(a)", false)]
        // Unless each round declares the place afresh: an iteration variable, a local declared in the loop's body.
        [InlineData("void M(Stream[] all) { foreach (var a in all) { a.Flush(); Close(a); } }", "Close(a)", false)]
        [InlineData("void M(Stream[] all) { foreach (var a in all) { Close(a); a.Flush(); } }", "Close(a)", true)]
        [InlineData("void M(int n) { for (var i = 0; i < n; i++) { var a = new MemoryStream(); a.Flush(); Close(a); } }", "Close(a)", false)]
        [InlineData("void M(int n) { while (n-- > 0) { Stream a; a = new MemoryStream(); a.Flush(); Close(a); } }", "Close(a)", false)]
        [InlineData("void M(Stream[] all) { foreach (var a in all) { var s = a; foreach (var b in all) { s.Flush(); Close(s); } } }", "Close(s)", true)]
        [InlineData("void M(int n) { for (var a = new MemoryStream(); n > 0; n--) { a.Flush(); Close(a); } }", "Close(a)", true)]
        [InlineData("void M(Stream[] all) { foreach (var a in all) { _log.Flush(); Close(_log); } }", "Close(_log)", true)]
        // Giving what was handed a new value uses nothing; a use on a path around it still counts, and so does reading the
        // old value to compute the new. A property's setter is code, and may read the old value.
        [InlineData("void M(Stream a) { Close(a); a = Stream.Null; }", "Close(a)", false)]
        [InlineData("void M() { Close(_log); _log = Stream.Null; }", "Close(_log)", false)]
        [InlineData("void M() { Close(_port.Stream); _port.Stream = Stream.Null; }", "Close(_port.Stream)", false)]
        [InlineData("void M(Stream a, bool c) { Close(a); if (c) { a = Stream.Null; } a.Flush(); }", "Close(a)", true)]
        [InlineData("void M(Stream a) { Close(a); a = new BufferedStream(a); a.Flush(); }", "Close(a)", true)]
        // Code after such a statement in its block reads the new value; code after the block may not have run it.
        [InlineData("void M() { Close(_log); _log = Stream.Null; _log.Flush(); }", "Close(_log)", false)]
        [InlineData("void M(Stream a, bool c) { Close(a); if (c) { a = Stream.Null; a.Flush(); } }", "Close(a)", false)]
        [InlineData("void M(Stream a, bool c) { Close(a); if (c) { a = Stream.Null; a.Flush(); } a.Flush(); }", "Close(a)", true)]
        [InlineData("void M(Stream[] all, Stream a) { foreach (var b in all) { a.Flush(); a = Stream.Null; Close(a); } }", "Close(a)", true)]
        [InlineData("void M() { Close(_port.Stream); _port.Stream.Position = 0; }", "Close(_port.Stream)", true)]
        [InlineData("void M() { Close(Current); Current = Stream.Null; }", "Close(Current)", true)]
        // A source method handed what contains the place counts only when it may release: one that only looks at it does not.
        [InlineData("void M() { Close(_log); Keep(this); } static void Keep(object o) => Log(o.ToString());", "Close(_log)", false)]
        [InlineData("void M() { Close(_log); Flush(); }", "Close(_log)", false)]
        [InlineData("void M() { Close(_log); Drop(this); } static void Drop(C c) => c._log.Dispose();", "Close(_log)", true)]
        // Nor do the framework's identity and lifetime helpers: Dispose(true); GC.SuppressFinalize(this);
        [InlineData("void M() { Close(_log); GC.SuppressFinalize(this); GC.KeepAlive(_log); }", "Close(_log)", false)]
        // A helper handed a member of the place still reads the place to get at it.
        [InlineData("void M() { Close(_port.Stream); GC.KeepAlive(_port.Stream.Position); }", "Close(_port.Stream)", true)]
        [InlineData("void M() { Close(_port.Stream); GC.KeepAlive(_port); }", "Close(_port.Stream)", false)]
        // A goto may run anything after anything.
        [InlineData("void M(Stream a, Stream b) { goto end; end: Close(b); }", "Close(b)", true)]
        public void Call_is_followed_only_where_what_it_was_handed_may_be_named_afterwards(string method, string call, bool followed)
        {
            var (body, invocation, context) = Compile(method, call);
            Assert.Equal(followed, LaterMentions.Of(body, context, default).Follow(invocation.Syntax));
            // The first test, before any mention is listed, never rules out what the whole test keeps.
            Assert.True(!followed || LaterMentions.Of(body, context, default).MayFollow(invocation));
        }

        [Theory]
        // Where each symbol is last named rules out a call none of whose places is named after it, whatever the rest of the body names.
        [InlineData("void M(Stream a, Stream b) { Close(a); a.Flush(); Close(b); }", "Close(b)", false)]
        [InlineData("void M() { Close(_log); Log(_port.ToString()); Current.Flush(); }", "Close(_log)", false)]
        // The object handed on as a whole: any place in it named later, this written out or not.
        [InlineData("void M() { Flush(); Log(\"flushed\"); }", "Flush()", false)]
        [InlineData("void M() { Flush(); Log(Current.ToString()); }", "Flush()", true)]
        // It knows nothing of branches, or of what a source method does with the object handed on.
        [InlineData("void M(Stream a, bool c) { if (c) { Close(a); } else { a.Flush(); } }", "Close(a)", true)]
        [InlineData("void M() { Close(_log); Keep(this); } static void Keep(object o) => Log(o.ToString());", "Close(_log)", true)]
        [InlineData("void M() { Close(_log); Keep((object)this); } static void Keep(object o) => Log(o.ToString());", "Close(_log)", true)]
        public void Call_may_be_followed_where_a_symbol_of_what_it_was_handed_is_named_afterwards(string method, string call, bool mayFollow)
        {
            var (body, invocation, context) = Compile(method, call);
            Assert.Equal(mayFollow, LaterMentions.Of(body, context, default).MayFollow(invocation));
        }

        private static (IOperation Body, IInvocationOperation Call, LifetimeContext Context) Compile(string method, string call)
        {
            var (body, context) = EngineInputs.BodyOfM("Mentions", Types + method + "\n}");
            var invocation = body.DescendantsAndSelf().OfType<IInvocationOperation>().Single(i => i.Syntax.ToString() == call);
            return (body, invocation, context);
        }
    }
}
