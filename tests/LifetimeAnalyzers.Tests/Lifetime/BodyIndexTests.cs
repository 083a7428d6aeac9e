using System;
using System.Linq;
using System.Runtime.CompilerServices;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>What the one walk of a body finds for the rules that read it, and that it is made once per body.</summary>
    public class BodyIndexTests
    {
        private const string Device = @"
using System;
using System.IO;
using System.Threading;
class Device
{
    public event EventHandler Changed;
    private Timer _timer;
    private Stream _log = new MemoryStream();
    static void Close(Stream s) => s.Dispose();
    void OnTick(object state) { }
    void OnChanged(object sender, EventArgs e) { }
    void M(Device other, Stream a)
    {
        _timer = new Timer(OnTick, null, 0, 100);
        other.Changed += OnChanged;
        using (var copy = new MemoryStream()) { a.CopyTo(copy); }
        Action later = () => Close(_log);
        for (var i = 0; i < 2; i++) { a.Flush(); Console.Write(i); }
    }
}";

        [Fact]
        public void Lists_the_calls_where_a_registration_may_be_and_the_members_touched_in_the_order_of_the_tree_lambdas_included()
        {
            var (body, context) = EngineInputs.BodyOfM("Index", Device);
            var index = BodyIndex.Of(body, context, default);

            Assert.Equal(
                new[] { "using (var copy = new MemoryStream()) { a.CopyTo(copy); }", "a.CopyTo(copy)", "Close(_log)", "a.Flush()", "Console.Write(i)" },
                index.CallsAndUsings.Select(o => o.Syntax.ToString()));
            // An assignment comes before the creation it stores, as the search for registrations must meet them.
            Assert.Equal(
                new[] { "_timer = new Timer(OnTick, null, 0, 100)", "new Timer(OnTick, null, 0, 100)", "other.Changed += OnChanged", "new MemoryStream()", "a.CopyTo(copy)", "Close(_log)", "a.Flush()", "Console.Write(i)" },
                index.MayRegister.Select(o => o.Syntax.ToString()));
            // A call before the arguments it is handed; an event is no field.
            Assert.Equal(
                new[] { "_timer", "a.CopyTo(copy)", "Close(_log)", "_log", "a.Flush()", "Console.Write(i)" },
                index.MembersAndCalls.Select(o => o.Syntax.ToString()));
        }

        [Fact]
        public void Notes_where_each_symbol_is_last_named_furthest_in_the_text_not_last_in_the_tree()
        {
            var (body, context) = EngineInputs.BodyOfM("Index", Device);
            var index = BodyIndex.Of(body, context, default);
            var text = body.Syntax.SyntaxTree.GetText().ToString();

            var i = body.DescendantsAndSelf().OfType<ILocalReferenceOperation>().First(r => r.Local.Name == "i").Local;
            // The loop's increment comes after its body in the tree, before it in the text: the body's Console.Write(i) is furthest.
            Assert.True(index.LastNamedAt(i, out var iAt));
            Assert.Equal(text.IndexOf("Console.Write(i)") + "Console.Write(".Length, iAt);
            var a = body.DescendantsAndSelf().OfType<IParameterReferenceOperation>().First(r => r.Parameter.Name == "a").Parameter;
            Assert.True(index.LastNamedAt(a, out var aAt));
            Assert.Equal(text.IndexOf("a.Flush()"), aAt);
            Assert.False(index.Jumps);
        }

        [Fact]
        public void Is_made_once_per_body_and_compilation()
        {
            var (body, context) = EngineInputs.BodyOfM("Index", Device);

            Assert.Same(BodyIndex.Of(body, context, default), BodyIndex.Of(body, context, default));
            Assert.Same(BodyIndex.Of(body, context, default).CallsAndUsings, LaterMentions.Of(body, context, default).CallsAndUsings);
        }

        [Fact]
        public void Keeps_no_compilation_alive_once_its_bodies_are_let_go()
        {
            var compilation = IndexAndForget();
            for (var i = 0; i < 3 && compilation.IsAlive; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            // The walk's lists, which each thread reuses, are emptied after every walk.
            Assert.False(compilation.IsAlive);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference IndexAndForget()
        {
            var (body, context) = EngineInputs.BodyOfM("Index", Device);
            Assert.NotEmpty(BodyIndex.Of(body, context, default).CallsAndUsings);
            return new WeakReference(context.Compilation);
        }
    }
}
