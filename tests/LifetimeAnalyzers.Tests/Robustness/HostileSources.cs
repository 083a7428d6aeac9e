using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>A generated input of a shape that breaks naive analyses: very deep, very large, or recursive.</summary>
    internal sealed class HostileCase
    {
        public HostileCase(string name, bool isCorrect, params (string Name, string Text)[] files)
            : this(name, isCorrect, compiles: true, files)
        {
        }

        public HostileCase(string name, bool isCorrect, bool compiles, params (string Name, string Text)[] files)
        {
            Name = name;
            IsCorrect = isCorrect;
            Compiles = compiles;
            Files = files.ToImmutableArray();
        }

        public string Name { get; }

        /// <summary>Whether it is valid C#; the invalid ones are broken on purpose.</summary>
        public bool Compiles { get; }

        /// <summary>Nothing in it is used after its release, so no rule may warn: under stress, analysis degrades to silence, never to a false warning.</summary>
        public bool IsCorrect { get; }

        public ImmutableArray<(string Name, string Text)> Files { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// The hostile shapes, generated. The correct ones release objects and then only reassign them, or use them
    /// before the release, so that the analyses have work to do but nothing to report.
    /// </summary>
    internal static class HostileSources
    {
        private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

        private static readonly Dictionary<string, Func<HostileCase>> s_cases = new(StringComparer.Ordinal)
        {
            ["Call_chain_500_deep_releasing_at_the_bottom"] = () => CallChain(500),
            ["Mutually_recursive_releasing_helpers"] = MutualRecursion,
            ["Recursive_release_callbacks"] = RecursiveReleaseCallbacks,
            ["Method_of_10000_dispose_assign_use_statements"] = () => HugeMethod(10_000),
            ["Switch_of_2000_cases"] = () => HugeSwitch(2_000),
            ["Goto_graph_of_1000_labels"] = () => GotoGraph(1_000),
            ["Generics"] = Generics,
            ["Partial_class_across_two_files"] = PartialClass,
            ["Lambdas_nested_50_deep"] = () => NestedLambdas(50),
            ["Local_functions_nested_50_deep"] = () => NestedLocalFunctions(50),
            ["Top_level_statements"] = TopLevelStatements,
            ["Records_and_primary_constructors"] = RecordsAndPrimaryConstructors,
            ["Ref_structs_with_Dispose"] = RefStructs,
            ["Async_iterators"] = AsyncIterators,
            ["String_concatenation_of_5000_terms"] = () => Concatenation(5_000, "text", "string text = \"x\";"),
            ["Integer_sum_of_5000_terms"] = () => Concatenation(5_000, "a", "int a = 1;"),
            ["Member_chain_2000_deep"] = () => MemberChain(2_000),
            ["Conditional_operators_nested_1000_deep"] = () => NestedConditionals(1_000),
            ["Null_coalescing_chain_of_1000_terms"] = () => Coalescing(1_000),
            ["Calls_nested_1000_deep"] = () => NestedCalls(1_000),
            ["Parentheses_nested_1000_deep"] = () => NestedParentheses(1_000),
            ["Unusual_language_forms"] = UnusualLanguageForms,
            ["Invalid_declarations"] = InvalidDeclarations,
            ["Callbacks_reaching_through_500_calls"] = () => DeepCallbackReach(500),
            ["Constructors_of_a_100_deep_class_hierarchy"] = () => DeepHierarchy(100),
            ["Lifetime_protocols_done_right_in_loops_branches_and_teardowns"] = ProtocolsDoneRight,
            ["Blocks_nested_1000_deep"] = () => NestedStatements(1_000, "if (n > {0}) {{", "}}", "Blocks"),
            ["Try_finally_nested_300_deep"] = () => NestedStatements(300, "try {{ s{0}.WriteByte(1);", "}} finally {{ s{0}.Dispose(); s{0} = new MemoryStream(); }}", "Try_finally"),
            ["Loops_nested_300_deep"] = () => NestedStatements(300, "for (var i{0} = 0; i{0} < n; i{0}++) {{ s{0}.Dispose(); s{0} = new MemoryStream();", "}}", "Loops"),
            ["Lambdas_nested_200_deep"] = () => NestedStatements(200, "Action a{0} = () => {{ s{0}.Dispose(); s{0} = new MemoryStream();", "}}; a{0}();", "Lambdas"),
        };

        public static IEnumerable<string> Names => s_cases.Keys.OrderBy(name => name, StringComparer.Ordinal);

        public static HostileCase Create(string name) => s_cases[name]();

        /// <summary><c>H0(s) → H1(s) → … → s.Dispose()</c>, then a use: deeper than the summaries follow, so silence is the answer.</summary>
        public static HostileCase CallChain(int depth)
        {
            var code = new StringBuilder(Usings).AppendLine("static class Chain").AppendLine("{");
            for (var i = 0; i < depth - 1; i++)
            {
                code.AppendLine($"    public static void H{i}(Stream s) {{ H{i + 1}(s); }}");
            }

            code.AppendLine($"    public static void H{depth - 1}(Stream s) {{ s.Dispose(); }}")
                .AppendLine("}")
                .AppendLine("sealed class User")
                .AppendLine("{")
                .AppendLine("    int Use(Stream s) { Chain.H0(s); return s.ReadByte(); }")
                .AppendLine("}");
            return new HostileCase($"Call_chain_{depth}_deep_releasing_at_the_bottom", true, ("Chain.cs", code.ToString()));
        }

        private static HostileCase MutualRecursion()
        {
            const int Ring = 64;
            var code = new StringBuilder(Usings).AppendLine("static class Ring").AppendLine("{");
            for (var i = 0; i < Ring; i++)
            {
                code.AppendLine($"    public static void R{i}(Stream s, int n) {{ if (n > 0) {{ R{(i + 1) % Ring}(s, n - 1); }} else {{ s.Dispose(); }} }}");
            }

            code.AppendLine("""
                    public static void Self(Stream s) { Self(s); s.Dispose(); }
                    public static void Ping(Stream s, int n) { if (n > 0) { Pong(s, n); } else { s.Dispose(); } }
                    public static void Pong(Stream s, int n) { Ping(s, n - 1); }
                    public static void Both(Stream s, Stream t) { Both(t, s); s.Dispose(); t.Dispose(); }
                }
                sealed class User
                {
                    void BeforeTheRing(Stream s) { s.WriteByte(1); Ring.R0(s, 10); }
                    void ReassignedAfterTheRing() { Stream s = new MemoryStream(); Ring.R7(s, 3); s = new MemoryStream(); s.WriteByte(2); }
                    void BeforePingPong(Stream s) { s.Flush(); Ring.Ping(s, 4); }
                    void ReassignedAfterSelf() { Stream s = new MemoryStream(); Ring.Self(s); s = new MemoryStream(); s.Flush(); }
                    void Crossed(Stream a, Stream b) { a.Flush(); b.Flush(); Ring.Both(a, b); }
                }
                """);
            return new HostileCase("Mutually_recursive_releasing_helpers", true, ("Ring.cs", code.ToString()));
        }

        private static HostileCase RecursiveReleaseCallbacks() => new("Recursive_release_callbacks", true, ("Callbacks.cs", Usings + """
            [AttributeUsage(AttributeTargets.Method)]
            sealed class ReleaseCallbackAttribute : Attribute { }

            public abstract class Subdevice
            {
                protected internal abstract void Release();
            }

            public sealed class Node : Subdevice, IDisposable
            {
                private Node? _next;
                private int _releases;

                public Node(Node? next) { _next = next; }

                // Releases the rest of the list, then itself again: the callback calls itself.
                protected internal override void Release()
                {
                    _releases++;
                    if (_next != null)
                    {
                        _next.Release();
                    }

                    Release();
                }

                public void Dispose() { Dispose(); }

                public void ReleaseOther(Node other) { other.Release(); }

                // Mutual recursion between two instances, each releasing only its own list.
                public void ReleasePeer(Node other) { _releases++; if (other != this) { other.ReleasePeer(this); } _next?.Release(); }
            }

            public class Device : IDisposable
            {
                private Device? _peer;
                private Stream _line = new MemoryStream();

                public void Dispose() { Dispose(true); }

                protected virtual void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _line.Flush();
                        _peer?.Dispose(disposing);
                        Dispose(!disposing);
                    }
                }
            }

            public sealed class Peer
            {
                private Peer? _other;

                [ReleaseCallback]
                public void OnRelease() { _other?.OnRelease(); OnRelease(); }

                public void Drop(Peer p) { p._other = this; p.OnRelease(); p = new Peer(); p.OnRelease(); }
            }

            static class Users
            {
                static void Drop(Node a, Node b) { a.ReleaseOther(b); a.ReleaseOther(a); }
                static void Cycle(Peer p) { p.Drop(p); }
            }
            """));

        /// <summary>One method, thousands of statements: fifty streams each used, disposed and reassigned in a random but correct order.</summary>
        private static HostileCase HugeMethod(int statements)
        {
            const int Locals = 50;
            var random = new Random(10_000);
            var code = new StringBuilder(Usings).AppendLine("sealed class Huge").AppendLine("{").AppendLine("    void Run(bool flag)").AppendLine("    {");
            var disposed = new bool[Locals];
            for (var i = 0; i < Locals; i++)
            {
                code.AppendLine($"        Stream s{i} = new MemoryStream();");
            }

            for (var written = Locals; written < statements;)
            {
                var k = random.Next(Locals);
                if (disposed[k])
                {
                    code.AppendLine($"        s{k} = new MemoryStream();");
                    disposed[k] = false;
                    written++;
                }
                else if (random.Next(3) == 0)
                {
                    code.AppendLine($"        s{k}.Dispose();");
                    disposed[k] = true;
                    written++;
                }
                else if (random.Next(10) == 0)
                {
                    code.AppendLine($"        if (flag) {{ s{k}.WriteByte({written % 256}); }} else {{ s{k}.Flush(); }}");
                    written++;
                }
                else
                {
                    code.AppendLine($"        s{k}.WriteByte({written % 256});");
                    written++;
                }
            }

            code.AppendLine("    }").AppendLine("}");
            return new HostileCase($"Method_of_{statements}_dispose_assign_use_statements", true, ("Huge.cs", code.ToString()));
        }

        private static HostileCase HugeSwitch(int cases)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Dispatcher").AppendLine("{")
                .AppendLine("    int Run(int n)").AppendLine("    {").AppendLine("        Stream s = new MemoryStream();").AppendLine("        switch (n)").AppendLine("        {");
            for (var i = 0; i < cases; i++)
            {
                code.AppendLine(
                    (i % 3) switch
                    {
                        0 => $"            case {i}: s.Dispose(); s = new MemoryStream(); break;",
                        1 => $"            case {i}: s.WriteByte({i % 256}); break;",
                        _ => $"            case {i}: s.Flush(); goto case {i - 2};",
                    });
            }

            code.AppendLine("            default: s.Dispose(); return -1;")
                .AppendLine("        }")
                .AppendLine("        var k = n switch")
                .AppendLine("        {");
            // The compiler's own cost grows fast with the arms of a switch expression: fewer of them.
            for (var i = 0; i < cases / 10; i++)
            {
                code.AppendLine($"            {i} => {i % 7},");
            }

            code.AppendLine("            _ => s.ReadByte(),")
                .AppendLine("        };")
                .AppendLine("        return k + s.ReadByte();")
                .AppendLine("    }")
                .AppendLine("}");
            return new HostileCase($"Switch_of_{cases}_cases", true, ("Switch.cs", code.ToString()));
        }

        /// <summary>Labels jumped to forwards and backwards at random: an irreducible graph. The stream is live at every jump.</summary>
        private static HostileCase GotoGraph(int labels)
        {
            var random = new Random(1_000);
            var code = new StringBuilder(Usings).AppendLine("sealed class Jumps").AppendLine("{")
                .AppendLine("    static bool Flag(int k) => (k & 1) == 0;")
                .AppendLine("    void Run(int n)").AppendLine("    {").AppendLine("        Stream s = new MemoryStream();")
                .AppendLine("        if (Flag(n)) goto L0;")
                .AppendLine($"        goto L{labels / 2};");
            for (var i = 0; i < labels; i++)
            {
                code.AppendLine($"    L{i}:")
                    .AppendLine($"        s.WriteByte({i % 256});")
                    .AppendLine($"        if (Flag(n + {i})) goto L{random.Next(labels)};")
                    .AppendLine("        s.Dispose();")
                    .AppendLine("        s = new MemoryStream();")
                    .AppendLine($"        if (Flag(n - {i})) goto L{random.Next(labels)};");
            }

            code.AppendLine("        s.Dispose();").AppendLine("    }").AppendLine("}");
            return new HostileCase($"Goto_graph_of_{labels}_labels", true, ("Goto.cs", code.ToString()));
        }

        private static HostileCase Generics() => new("Generics", true, ("Generics.cs", Usings + """
            public sealed class Pool<T> where T : class, IDisposable
            {
                private readonly List<T> _items = new();
                public void Return(T item) { _items.Remove(item); item.Dispose(); }
                public T Rent(Func<T> make) { var item = make(); _items.Add(item); return item; }
            }

            public class Holder<T> where T : IDisposable
            {
                public T Value = default!;
                public void Drop() { Value.Dispose(); Value = default!; }
            }

            public sealed class Tower<T>
            {
                public void Grow(int n) { if (n > 0) { new Tower<Tower<T>>().Grow(n - 1); } }
            }

            public sealed class Derived<T> : Holder<T> where T : IDisposable
            {
                public void Again() { Drop(); Value = default!; }
            }

            public struct Wrapper<T> : IDisposable where T : IDisposable
            {
                private T _inner;
                public Wrapper(T inner) { _inner = inner; }
                public void Dispose() => _inner.Dispose();
            }

            public interface IFreeable<TSelf> where TSelf : IFreeable<TSelf>
            {
                static abstract void Free(TSelf self);
            }

            static class Generic
            {
                public static void Release<T>(T x) where T : IDisposable => x.Dispose();

                public static void ReleaseAll<T, TList>(TList items) where T : IDisposable where TList : IEnumerable<T>
                {
                    foreach (var item in items) { item.Dispose(); }
                }

                public static void FreeIt<T>(T x) where T : IFreeable<T> => T.Free(x);

                static void Use(Pool<MemoryStream> pool)
                {
                    Stream s = new MemoryStream();
                    s.WriteByte(1);
                    Release(s);
                    s = new MemoryStream();
                    s.WriteByte(2);
                    Release<Stream>(s);
                    var rented = pool.Rent(() => new MemoryStream());
                    rented.WriteByte(3);
                    pool.Return(rented);
                    rented = pool.Rent(() => new MemoryStream());
                    rented.WriteByte(4);
                    var holder = new Holder<Stream> { Value = new MemoryStream() };
                    holder.Value.WriteByte(5);
                    holder.Drop();
                    holder.Value = new MemoryStream();
                    holder.Value.WriteByte(6);
                    using var wrapped = new Wrapper<Stream>(new MemoryStream());
                    ReleaseAll<Stream, List<Stream>>(new List<Stream>());
                }
            }
            """));

        private static HostileCase PartialClass() => new(
            "Partial_class_across_two_files",
            true,
            ("Port.Part1.cs", Usings + """
                public partial class Port : IDisposable
                {
                    private Stream _line = new MemoryStream();

                    partial void OnClosing(Stream s);

                    public partial void Close(Stream s);

                    public void Stop()
                    {
                        _line.WriteByte(1);
                        Close(_line);
                        _line = new MemoryStream();
                        _line.WriteByte(2);
                        OnClosing(_line);
                    }
                }
                """),
            ("Port.Part2.cs", Usings + """
                public partial class Port
                {
                    public partial void Close(Stream s) { s.Flush(); s.Dispose(); }

                    public void Reset(Stream s) { s.Flush(); Close(s); }

                    public void Dispose() { _line.Flush(); Close(_line); }
                }
                """));

        private static HostileCase NestedLambdas(int depth)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Nest").AppendLine("{").AppendLine("    void Run()").AppendLine("    {")
                .AppendLine("        Stream outer = new MemoryStream();");
            for (var i = 0; i < depth; i++)
            {
                code.AppendLine($"        Action a{i} = () => {{")
                    .AppendLine($"        Stream s{i} = new MemoryStream(); s{i}.WriteByte({i}); s{i}.Dispose(); s{i} = new MemoryStream(); s{i}.Flush();")
                    .AppendLine("        outer.Dispose(); outer = new MemoryStream(); outer.WriteByte(1);");
            }

            for (var i = depth - 1; i >= 0; i--)
            {
                code.AppendLine($"        }}; a{i}();");
            }

            code.AppendLine("        outer.Flush();").AppendLine("    }").AppendLine("}");
            return new HostileCase($"Lambdas_nested_{depth}_deep", true, ("Lambdas.cs", code.ToString()));
        }

        private static HostileCase NestedLocalFunctions(int depth)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Nest").AppendLine("{").AppendLine("    void Run(Stream p)").AppendLine("    {")
                .AppendLine("        p.Flush();");
            for (var i = 0; i < depth; i++)
            {
                code.AppendLine($"        void F{i}(Stream s{i})").AppendLine("        {")
                    .AppendLine($"        s{i}.WriteByte({i}); Close(s{i}); s{i} = new MemoryStream(); s{i}.Flush();")
                    .AppendLine($"        Func<Stream, int> g{i} = x => {{ x.Dispose(); x = new MemoryStream(); return x.ReadByte(); }};");
            }

            for (var i = depth - 1; i >= 0; i--)
            {
                code.AppendLine(i == depth - 1 ? "        }" : $"        F{i + 1}(new MemoryStream());\n        }}");
            }

            code.AppendLine("        F0(p);")
                .AppendLine("        static void Close(Stream s) => s.Dispose();")
                .AppendLine("    }")
                .AppendLine("}");
            return new HostileCase($"Local_functions_nested_{depth}_deep", true, ("LocalFunctions.cs", code.ToString()));
        }

        private static HostileCase TopLevelStatements() => new("Top_level_statements", true, ("Program.cs", Usings + """
            Stream s = new MemoryStream();
            s.WriteByte(1);
            s.Dispose();
            s = new MemoryStream();
            s.WriteByte(2);
            Close(s);
            s = new MemoryStream();
            await using var t = new MemoryStream();
            t.WriteByte(3);
            await s.DisposeAsync();
            s = Stream.Null;
            Console.WriteLine(s.CanRead + args.Length.ToString());
            var message = new Message("done");
            Console.WriteLine(message.Text);
            return 0;

            static void Close(Stream x) => x.Dispose();

            record Message(string Text);
            """));

        private static HostileCase RecordsAndPrimaryConstructors() => new("Records_and_primary_constructors", true, ("Records.cs", Usings + """
            public record Port(Stream Line) : IDisposable
            {
                public void Dispose() => Line.Dispose();
                public int Peek() => Line.ReadByte();
            }

            public record struct Handle(IntPtr Pointer);

            public readonly record struct Lease(Stream S) : IDisposable
            {
                public void Dispose() => S.Dispose();
            }

            public sealed class Driver(Stream line, Port port) : IDisposable
            {
                private readonly Stream _copy = line;
                public int Read() => line.ReadByte() + _copy.ReadByte();
                public void Dispose() { line.Flush(); line.Dispose(); port.Dispose(); }
            }

            public class Base(Stream s)
            {
                protected Stream S { get; } = s;
            }

            public sealed class Child(Stream s) : Base(s)
            {
                public void Stop() { S.Flush(); S.Dispose(); }
            }

            public struct Counter(int start)
            {
                public int Next() => start++;
            }

            public sealed class Closer(Stream line)
            {
                public void Close() { Stream local = line; local.Flush(); local.Dispose(); local = Stream.Null; local.Flush(); }
            }

            static class Users
            {
                static void Use()
                {
                    var p = new Port(new MemoryStream());
                    var q = p with { };
                    q.Peek();
                    p.Dispose();
                    p = new Port(new MemoryStream());
                    p.Peek();
                    using var lease = new Lease(new MemoryStream());
                    lease.S.WriteByte(1);
                }
            }
            """));

        private static HostileCase RefStructs() => new("Ref_structs_with_Dispose", true, ("RefStructs.cs", Usings + """
            public ref struct Lease
            {
                private Span<byte> _span;
                public Lease(Span<byte> span) { _span = span; }
                public void Touch() { _span[0] = 1; }
                public void Dispose() { _span = default; }
            }

            public ref struct Pair
            {
                public Lease First;
                public Lease Second;
                public void Dispose() { First.Dispose(); Second.Dispose(); }
            }

            static class Users
            {
                static void Declared(Span<byte> buffer)
                {
                    using var lease = new Lease(buffer);
                    lease.Touch();
                }

                static void Block(Span<byte> buffer)
                {
                    using (var lease = new Lease(buffer))
                    {
                        lease.Touch();
                    }
                }

                static void Reassigned(Span<byte> buffer)
                {
                    var lease = new Lease(buffer);
                    lease.Touch();
                    lease.Dispose();
                    lease = new Lease(buffer);
                    lease.Touch();
                    lease.Dispose();
                }

                static void Fields(Span<byte> buffer)
                {
                    var pair = new Pair { First = new Lease(buffer), Second = new Lease(buffer) };
                    pair.First.Touch();
                    pair.Dispose();
                    pair = new Pair { First = new Lease(buffer) };
                    pair.First.Touch();
                }
            }
            """));

        private static HostileCase AsyncIterators() => new("Async_iterators", true, ("Iterators.cs", Usings + """
            using System.Runtime.CompilerServices;

            sealed class Reader
            {
                async IAsyncEnumerable<int> Read(Stream s, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    await using var owned = new MemoryStream();
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var b = s.ReadByte();
                        if (b < 0)
                        {
                            break;
                        }

                        yield return b;
                        await Task.Yield();
                    }

                    await s.DisposeAsync();
                }

                async Task Consume(Stream s)
                {
                    // Nothing of Read has run yet: it releases s only when the enumeration ends.
                    var items = Read(s);
                    s.Position = 0;
                    await foreach (var b in items.ConfigureAwait(false))
                    {
                        owned(b);
                    }

                    s = new MemoryStream();
                    s.WriteByte(1);

                    static void owned(int b) { }
                }

                IEnumerable<int> Bytes(Stream s)
                {
                    try
                    {
                        yield return s.ReadByte();
                    }
                    finally
                    {
                        s.Dispose();
                    }
                }

                int Lazy(Stream s)
                {
                    var bytes = Bytes(s);
                    s.Flush();
                    var sum = 0;
                    foreach (var b in bytes)
                    {
                        sum += b;
                    }

                    return sum;
                }

                async IAsyncEnumerable<Stream> Produce()
                {
                    Stream s = new MemoryStream();
                    yield return s;
                    await s.DisposeAsync();
                    s = new MemoryStream();
                    yield return s;
                }

                async Task Drain()
                {
                    await foreach (var s in Produce())
                    {
                        s.WriteByte(2);
                        await s.DisposeAsync();
                    }
                }
            }
            """));

        /// <summary>A release, then a left-nested expression of thousands of terms: stack depth, not logic, is under test.</summary>
        private static HostileCase Concatenation(int terms, string term, string declaration)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Sum").AppendLine("{").AppendLine("    object Run()").AppendLine("    {")
                .AppendLine($"        {declaration}")
                .AppendLine("        Stream s = new MemoryStream();")
                .AppendLine("        s.Dispose();")
                .AppendLine("        s = new MemoryStream();")
                .Append("        var total = ")
                .Append(string.Join(" + ", Enumerable.Repeat(term, terms)))
                .AppendLine(";")
                .AppendLine("        s.WriteByte(1);")
                .AppendLine("        return total;")
                .AppendLine("    }")
                .AppendLine("}");
            var kind = term == "text" ? "String_concatenation" : "Integer_sum";
            return new HostileCase($"{kind}_of_{terms}_terms", true, ("Sum.cs", code.ToString()));
        }

        private static HostileCase MemberChain(int depth)
        {
            var chain = "n" + string.Concat(Enumerable.Repeat(".Next", depth));
            var code = new StringBuilder(Usings).AppendLine("""
                sealed class Node : IDisposable
                {
                    public Node Next = null!;
                    public int Value;
                    public void Dispose() { }
                }
                sealed class Walk
                {
                    int Run(Node n)
                    {
                """)
                .AppendLine($"        var v = {chain}.Value;")
                .AppendLine($"        {chain}.Dispose();")
                .AppendLine($"        {chain} = new Node();")
                .AppendLine($"        return v + {chain}.Value;")
                .AppendLine("    }")
                .AppendLine("}");
            return new HostileCase($"Member_chain_{depth}_deep", true, ("Chain.cs", code.ToString()));
        }

        private static HostileCase NestedConditionals(int depth)
        {
            var expression = new StringBuilder();
            for (var i = 0; i < depth; i++)
            {
                expression.Append($"n == {i} ? s.ReadByte() : (");
            }

            expression.Append("0").Append(')', depth);
            return DeepExpression($"Conditional_operators_nested_{depth}_deep", "int", expression.ToString());
        }

        private static HostileCase Coalescing(int terms) =>
            DeepExpression(
                $"Null_coalescing_chain_of_{terms}_terms",
                "object",
                string.Join(" ?? ", Enumerable.Range(0, terms).Select(i => i % 2 == 0 ? "o" : "(object?)s")) + " ?? s");

        private static HostileCase NestedCalls(int depth) =>
            DeepExpression($"Calls_nested_{depth}_deep", "Stream", string.Concat(Enumerable.Repeat("Pass(", depth)) + "s" + new string(')', depth));

        private static HostileCase NestedParentheses(int depth) =>
            DeepExpression($"Parentheses_nested_{depth}_deep", "int", new string('(', depth) + "s.ReadByte()" + new string(')', depth));

        /// <summary>A release and a reassignment, then a deeply nested expression over the live stream.</summary>
        private static HostileCase DeepExpression(string name, string type, string expression)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Deep").AppendLine("{")
                .AppendLine("    static Stream Pass(Stream s) => s;")
                .AppendLine($"    {type} Run(int n, object? o)")
                .AppendLine("    {")
                .AppendLine("        Stream s = new MemoryStream();")
                .AppendLine("        s.Dispose();")
                .AppendLine("        s = new MemoryStream();")
                .AppendLine($"        {type} result = {expression};")
                .AppendLine("        s.Dispose();")
                .AppendLine("        return result;")
                .AppendLine("    }")
                .AppendLine("}");
            return new HostileCase(name, true, ("Deep.cs", code.ToString()));
        }

        /// <summary>Forms the engine may not expect, each with the object used only before its release or after a reassignment.</summary>
        private static HostileCase UnusualLanguageForms() => new("Unusual_language_forms", true, ("Forms.cs", Usings + """
            using System.Linq;
            using System.Linq.Expressions;
            using System.Runtime.InteropServices;
            using Pair = (int Left, int Right);

            public sealed class Port : IDisposable
            {
                public int Value { get; set; }
                public int this[int index] { get => index; set { } }
                public event EventHandler? Changed;
                public void Dispose() { Changed = null; }
                public static Port operator +(Port left, Port right) { right.Dispose(); return left; }
                public static implicit operator int(Port port) => port.Value;
                ~Port() { Dispose(); }
                static Port() { }
            }

            public static class PortExtensions
            {
                public static void Close(this Port port) => port.Dispose();
                public static void Dispose(this string text) { }
            }

            public sealed class Forms
            {
                private Port _port = new();
                public required int Required { get; init; }

                int Dynamic(dynamic d) { d.Flush(); d.Dispose(); d = new MemoryStream(); return d.ReadByte(); }

                unsafe int Pointers()
                {
                    byte* p = (byte*)NativeMemory.Alloc(4);
                    *p = 1;
                    var first = *p;
                    NativeMemory.Free(p);
                    p = (byte*)NativeMemory.Alloc(4);
                    *p = first;
                    NativeMemory.Free(p);
                    return first;
                }

                unsafe void FunctionPointers(delegate*<Stream, void> close)
                {
                    Stream s = new MemoryStream();
                    s.WriteByte(1);
                    close(s);
                    s = new MemoryStream();
                    s.WriteByte(2);
                }

                unsafe int Fixed(byte[] data)
                {
                    fixed (byte* p = data) { return *p; }
                }

                void Locks(Stream s)
                {
                    lock (s) { s.Flush(); }
                    s.Dispose();
                }

                int Expressions()
                {
                    Stream s = new MemoryStream();
                    Expression<Func<Stream, int>> read = x => x.ReadByte();
                    Expression<Action<Stream>> close = x => x.Dispose();
                    s.Dispose();
                    s = new MemoryStream();
                    return read.Compile()(s);
                }

                int Queries(List<Stream> streams)
                {
                    var open = from s in streams where s.CanRead select s.ReadByte();
                    var total = open.Sum();
                    foreach (var s in streams) { s.Dispose(); }
                    return total;
                }

                int Patterns(Stream s)
                {
                    var length = s is { Length: > 0 } ? 1 : 0;
                    var kind = s switch { MemoryStream => 1, FileStream { CanSeek: true } => 2, _ => 3 };
                    s.Dispose();
                    return length + kind + (s is null ? 0 : 1);
                }

                void Refs(Stream a, Stream b)
                {
                    ref Stream r = ref a;
                    r.Flush();
                    a.Dispose();
                    a = b;
                    r.Flush();
                    (a, b) = (b, a);
                    a.Flush();
                }

                void Outs()
                {
                    Open(out var s);
                    s.Dispose();
                    Open(out s);
                    s.Flush();
                    static void Open(out Stream s) => s = new MemoryStream();
                }

                void Operators(Port a, Port b)
                {
                    var sum = a + b;
                    b = new Port();
                    b.Value = sum;
                    a.Close();
                    a = new Port { Value = 1, [0] = 2 };
                    a.Changed += (_, _) => { };
                }

                void Collections(Stream s)
                {
                    Stream[] both = [s, new MemoryStream()];
                    List<int> lengths = [.. both.Select(x => (int)x.Length)];
                    s.Dispose();
                    s = both[1];
                    s.Flush();
                }

                void Defaults()
                {
                    var close = (Stream s, bool flush = true) => { if (flush) { s.Flush(); } s.Dispose(); };
                    Stream t = new MemoryStream();
                    close(t);
                    t = new MemoryStream();
                    close(t, false);
                    Pair pair = (1, 2);
                    _ = pair.Left + pair.Right;
                }

                void Checked(Stream s)
                {
                    checked { s.WriteByte((byte)(s.Length + 1)); }
                    unchecked { s.Dispose(); }
                }

                async void AsyncVoid(Stream s)
                {
                    await s.FlushAsync();
                    await s.DisposeAsync();
                }

                void Interpolation(Stream s)
                {
                    var text = $"{s.Length,10:N0} {nameof(s)} {s.CanRead}";
                    s.Dispose();
                    text = $"{nameof(s)} {text}";
                }

                void This()
                {
                    _port.Value = 1;
                    _port.Dispose();
                    _port = new Port();
                    _port.Value = 2;
                    this._port.Dispose();
                    this._port = new Port();
                    "text".Dispose();
                }

                void Throws(Stream s)
                {
                    try { s.Flush(); }
                    catch (IOException) when (s.CanRead) { s.Dispose(); throw; }
                    finally { s = Stream.Null; }
                    s.Flush();
                }
            }
            """));

        /// <summary>Declarations the compiler rejects: cycles, duplicates, contract attributes in the wrong places.</summary>
        private static HostileCase InvalidDeclarations() => new("Invalid_declarations", isCorrect: false, compiles: false, ("Invalid.cs", Usings + """
            class ReleasesAttribute { }
            class RegistersAttribute : Attribute { public RegistersAttribute(int a, int b) { } }
            [AttributeUsage(AttributeTargets.Class)] class ReleaseCallbackAttribute : Attribute { }

            class A : B { public void Dispose() { } }
            class B : A { }
            interface I1 : I2 { void Release(); }
            interface I2 : I1 { }
            class Self : Self, IDisposable { public void Dispose() { Dispose(); } }

            class Twice : IDisposable
            {
                public void Dispose() { }
                public void Dispose() { }
                [Releases] public void Free() { }
                [Releases] public void Free() { }
                [ReleaseCallback] public int Release { get; }
                [Registers(1)] public void Attach(object o) { }
                public Twice() { Attach(this); Attach(this, this); }
            }

            class Twice { }

            abstract class Broken : I1
            {
                public abstract void Release() { }
                public override void Dispose() { }
                public void Use(Stream s) { s.Dispose(); s.Flush(); }
                public void Use(Stream s) { s.Dispose(); s.Flush(); }
            }

            static class Statics
            {
                public static void Dispose() { }
                public static void Release(this) { }
                static void M(Stream s)
                {
                    Statics.Dispose();
                    s.Dispose(1, 2);
                    s.Dispose<int>();
                    System.Runtime.InteropServices.Marshal.FreeHGlobal(s);
                    System.Buffers.ArrayPool<byte>.Shared.Return(s);
                    new System.Runtime.InteropServices.GCHandle().Free(s);
                    s.Flush();
                }
            }

            partial class Partial
            {
                partial void Close(Stream s) { s.Dispose(); }
                partial void Close(Stream s) { s.Flush(); }
                public partial int Count(Stream s);
                void M(Stream s) { Close(s); Count(s); s.Flush(); }
            }

            class Timers
            {
                private Timer _timer;
                private Stream _line;
                public Timers() { _timer = new Timer(Tick, this); _line = new MemoryStream(); Missing.Register(this); _ = new Timer(); }
                void Tick(object? state) => _line.Flush();
                void Tick(object? state, int extra) => _line.Flush();
                public void Dispose() { _line.Dispose(); _timer.Dispose(1); }
            }
            """));

        /// <summary>A callback that reaches the field it reads through a chain of calls far longer than any bound.</summary>
        private static HostileCase DeepCallbackReach(int depth)
        {
            var code = new StringBuilder(Usings).AppendLine("public sealed class Source { public event EventHandler? Fired; }")
                .AppendLine("public sealed class Deep : IDisposable").AppendLine("{")
                .AppendLine("    private readonly Source _source;")
                .AppendLine("    private Stream _line;")
                .AppendLine("    private int _count;")
                .AppendLine("    public Deep(Source source)")
                .AppendLine("    {")
                .AppendLine("        _source = source;")
                .AppendLine("        _line = new MemoryStream();")
                .AppendLine("        _count = 1;")
                .AppendLine("        _source.Fired += OnFired;")
                .AppendLine("    }")
                .AppendLine("    private void OnFired(object? sender, EventArgs e) => C0();");
            for (var i = 0; i < depth - 1; i++)
            {
                code.AppendLine($"    private void C{i}() {{ _count++; C{i + 1}(); if (_count > {i}) {{ OnFired(this, EventArgs.Empty); }} }}");
            }

            code.AppendLine($"    private void C{depth - 1}() {{ _line.WriteByte((byte)_count); C0(); }}")
                .AppendLine("    public void Dispose()")
                .AppendLine("    {")
                .AppendLine("        _source.Fired -= OnFired;")
                .AppendLine("        _line.Dispose();")
                .AppendLine("    }")
                .AppendLine("}");
            return new HostileCase($"Callbacks_reaching_through_{depth}_calls", true, ("Deep.cs", code.ToString()));
        }

        /// <summary>Each level of a deep hierarchy assigns its state, then the most derived constructor registers.</summary>
        private static HostileCase DeepHierarchy(int depth)
        {
            var code = new StringBuilder(Usings)
                .AppendLine("public sealed class Bus { private readonly List<Level0> _all = new(); public void Register(Level0 device) { _all.Add(device); device.Probe(); } }")
                .AppendLine("public abstract class Level0 : IDisposable")
                .AppendLine("{")
                .AppendLine("    protected Stream Line0;")
                .AppendLine("    protected Level0() { Line0 = new MemoryStream(); }")
                .AppendLine("    public virtual void Probe() => Line0.Flush();")
                .AppendLine("    public virtual void Dispose() => Line0.Dispose();")
                .AppendLine("}");
            for (var i = 1; i < depth; i++)
            {
                code.AppendLine($"public class Level{i} : Level{i - 1}")
                    .AppendLine("{")
                    .AppendLine($"    protected Stream Line{i};")
                    .AppendLine($"    public Level{i}() {{ Line{i} = new MemoryStream(); }}")
                    .AppendLine($"    public override void Probe() {{ Line{i}.Flush(); base.Probe(); }}")
                    .AppendLine($"    public override void Dispose() {{ base.Dispose(); Line{i}.Dispose(); }}")
                    .AppendLine("}");
            }

            code.AppendLine($"public sealed class Leaf : Level{depth - 1}")
                .AppendLine("{")
                .AppendLine("    private readonly Bus _bus;")
                .AppendLine("    public Leaf(Bus bus) { _bus = bus; _bus.Register(this); }")
                .AppendLine("}");
            return new HostileCase($"Constructors_of_a_{depth}_deep_class_hierarchy", true, ("Hierarchy.cs", code.ToString()));
        }

        /// <summary>
        /// Every rule's correct idiom, inside loops, branches, exception handlers and jumps, where a flow analysis
        /// that joins paths carelessly sees a use after release, a double release or a wrong order.
        /// </summary>
        private static HostileCase ProtocolsDoneRight() => new("Lifetime_protocols_done_right_in_loops_branches_and_teardowns", true, ("Protocols.cs", Usings + """
            using System.Buffers;
            using System.Runtime.InteropServices;

            public sealed class Source { public event EventHandler? Fired; public void Raise() => Fired?.Invoke(this, EventArgs.Empty); }

            public sealed class Loops
            {
                int Native(int n)
                {
                    var total = 0;
                    IntPtr p = IntPtr.Zero;
                    for (var i = 0; i < n; i++)
                    {
                        p = Marshal.AllocHGlobal(4);
                        Marshal.WriteByte(p, (byte)i);
                        total += Marshal.ReadByte(p);
                        Marshal.FreeHGlobal(p);
                        p = IntPtr.Zero;
                    }

                    while (total > 100)
                    {
                        var q = Marshal.AllocHGlobal(4);
                        try { total -= Marshal.ReadByte(q); }
                        finally { Marshal.FreeHGlobal(q); }
                        if (total < 0) { break; }
                    }

                    do
                    {
                        var buffer = ArrayPool<byte>.Shared.Rent(16);
                        buffer[0] = (byte)total;
                        total += buffer[0];
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    while (total < 10);

                    foreach (var size in new[] { 1, 2, 3 })
                    {
                        var handle = GCHandle.Alloc(new byte[size], GCHandleType.Pinned);
                        total += ((byte[])handle.Target!).Length;
                        handle.Free();
                    }

                    return total;
                }

                void Streams(IEnumerable<string> names)
                {
                    Stream? current = null;
                    foreach (var name in names)
                    {
                        current?.Dispose();
                        current = new MemoryStream();
                        current.WriteByte((byte)name.Length);
                    }

                    current?.Flush();
                    current?.Dispose();
                }

                int Jumps(int n)
                {
                    IntPtr p = Marshal.AllocHGlobal(4);
                    var count = 0;
                again:
                    Marshal.WriteByte(p, (byte)count);
                    if (++count < n)
                    {
                        goto again;
                    }

                    switch (n)
                    {
                        case 0:
                            Marshal.FreeHGlobal(p);
                            return 0;
                        case 1:
                            count += Marshal.ReadByte(p);
                            goto default;
                        default:
                            Marshal.FreeHGlobal(p);
                            break;
                    }

                    return count;
                }

                void Handlers(Stream s)
                {
                    try
                    {
                        s.WriteByte(1);
                    }
                    catch (IOException)
                    {
                        s.Dispose();
                        throw;
                    }
                    finally
                    {
                        s.Flush();
                    }

                    s.Dispose();
                }
            }

            public sealed class Registered : IDisposable
            {
                private readonly Source _source;
                private readonly Timer _timer;
                private readonly CancellationTokenSource _stop = new();
                private readonly CancellationTokenRegistration _onStop;
                private readonly Thread _worker;
                private Stream _line;
                private int _ticks;

                public Registered(Source source)
                {
                    _source = source;
                    _line = new MemoryStream();
                    _ticks = 0;
                    _worker = new Thread(Work);
                    _timer = new Timer(Tick, null, Timeout.Infinite, Timeout.Infinite);
                    _onStop = _stop.Token.Register(() => _line.Flush());
                    _source.Fired += OnFired;
                    _worker.Start();
                }

                private void OnFired(object? sender, EventArgs e) { _ticks++; _line.WriteByte((byte)_ticks); }

                private void Tick(object? state) => _line.Flush();

                private void Work()
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        _line.WriteByte(0);
                        Thread.Sleep(1);
                    }
                }

                public void Dispose()
                {
                    _source.Fired -= OnFired;
                    _timer.Change(Timeout.Infinite, Timeout.Infinite);
                    using (var stopped = new ManualResetEvent(false))
                    {
                        if (_timer.Dispose(stopped))
                        {
                            stopped.WaitOne();
                        }
                    }

                    _onStop.Dispose();
                    _stop.Cancel();
                    _worker.Join();
                    _stop.Dispose();
                    _line.Dispose();
                }
            }

            public sealed class Pipeline : IDisposable
            {
                private readonly Stream _inner = new MemoryStream();
                private readonly StreamWriter _writer;
                private readonly List<IDisposable> _parts = new();

                public Pipeline()
                {
                    _writer = new StreamWriter(_inner);
                    for (var i = 0; i < 3; i++)
                    {
                        _parts.Add(new MemoryStream());
                    }
                }

                public void Dispose()
                {
                    foreach (var part in _parts)
                    {
                        part.Dispose();
                    }

                    _parts.Clear();
                    _writer.Dispose();
                    _inner.Dispose();
                }
            }
            """));

        /// <summary>
        /// Statements nested <paramref name="depth"/> deep: <paramref name="open"/> and <paramref name="close"/> are
        /// formats of the level's number. Each level has its own stream <c>s{level}</c>, released only where it is
        /// then reassigned, and used at the innermost level.
        /// </summary>
        private static HostileCase NestedStatements(int depth, string open, string close, string kind)
        {
            var code = new StringBuilder(Usings).AppendLine("sealed class Nested").AppendLine("{").AppendLine("    void Run(int n)").AppendLine("    {");
            for (var i = 0; i < depth; i++)
            {
                code.AppendLine($"        Stream s{i} = new MemoryStream();");
            }

            for (var i = 0; i < depth; i++)
            {
                code.AppendLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, open, i));
            }

            code.AppendLine(string.Join(" ", Enumerable.Range(0, depth).Select(i => $"s{i}.WriteByte(2);")));
            for (var i = depth - 1; i >= 0; i--)
            {
                code.AppendLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, close, i));
            }

            code.AppendLine("        s0.Dispose();").AppendLine("    }").AppendLine("}");
            return new HostileCase($"{kind}_nested_{depth}_deep", true, ("Nested.cs", code.ToString()));
        }
    }
}
