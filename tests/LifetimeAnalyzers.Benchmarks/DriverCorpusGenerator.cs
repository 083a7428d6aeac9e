using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// Writes a corpus of driver-style C# of about a given size, one module per file, full of what the rules examine:
    /// constructors that initialise fields and register callbacks (events, timers, threads, a registry, cancellation),
    /// callbacks that read those fields, teardowns that unregister and release in shuffled orders, helpers that
    /// release their parameters, call chains 5 to 10 deep, pools, native memory, pinned handles, using blocks,
    /// try/finally and loops, and a few real use-after-release bugs. Every module calls into the one before it,
    /// so summaries cross files. The same seed gives the same corpus; a larger size is a superset of a smaller one.
    /// </summary>
    internal static class DriverCorpusGenerator
    {
        /// <summary>The kinds of LIFE001 bug a module may carry.</summary>
        private enum Bug
        {
            UseAfterPoolHelper,
            UseAfterShallowChain,
            UseAfterHandleFree,
            UseAfterUsingBlock,
            UseAfterReleaseCallback,
            UseAfterOtherModuleHelper,
            FieldUseAfterHelperClose,
        }

        public static Corpus Generate(int lines, int seed)
        {
            var files = ImmutableArray.CreateBuilder<SourceFile>();
            var total = 0;
            var planted = 0;
            for (var module = 0; total < lines; module++)
            {
                var text = Module(module, new Random(unchecked((seed * 7919) + module)), out var bugs);
                files.Add(new SourceFile($"Drivers/Module{Id(module)}.cs", text));
                total += Corpus.CountLines(text);
                planted += bugs;
            }

            return new Corpus($"generated {lines:N0}", files.ToImmutable(), generated: true, planted);
        }

        private static string Id(int module) => module.ToString("D4", CultureInfo.InvariantCulture);

        private static string Module(int module, Random random, out int bugCount)
        {
            var n = Id(module);
            var bugs = PickBugs(module, random);
            bugCount = bugs.Count;
            var sealedDevice = random.Next(3) != 0;

            var text = new StringBuilder();
            text.Append($$"""
                // Driver module {{n}}: a bus, a device that registers itself and its callbacks, and the helpers that release what it owns.
                using System;
                using System.Buffers;
                using System.Collections.Generic;
                using System.IO;
                using System.Runtime.InteropServices;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Bench.Drivers.M{{n}}
                {
                    public interface IClient{{n}}
                    {
                        void Probe(int line);

                        void Remove();
                    }

                    public static class Registry{{n}}
                    {
                        private static readonly List<object> s_live = new List<object>();

                        public static void Register(object instance)
                        {
                            lock (s_live)
                            {
                                s_live.Add(instance);
                            }
                        }

                        public static void Unregister(object instance)
                        {
                            lock (s_live)
                            {
                                s_live.Remove(instance);
                            }
                        }
                    }

                    public sealed class Bus{{n}}
                    {
                        private readonly List<IClient{{n}}> _clients = new List<IClient{{n}}>();
                        private readonly object _gate = new object();

                        public event EventHandler<int>? Interrupt;

                        public event Action<byte[]>? Received;

                        public void Register(IClient{{n}} client)
                        {
                            lock (_gate)
                            {
                                _clients.Add(client);
                            }

                            client.Probe(_clients.Count);
                        }

                        public void Unregister(IClient{{n}} client)
                        {
                            lock (_gate)
                            {
                                _clients.Remove(client);
                            }

                            client.Remove();
                        }

                        public void Raise(int line)
                        {
                            Interrupt?.Invoke(this, line);
                            foreach (var client in _clients.ToArray())
                            {
                                client.Probe(line);
                            }
                        }

                        public void Deliver(byte[] frame) => Received?.Invoke(frame);
                    }

                    public abstract class Subdevice{{n}}
                    {
                        public string Name { get; protected set; } = "";

                        protected internal abstract void Release();
                    }

                    public sealed class Media{{n}}
                    {
                        private readonly List<Subdevice{{n}}> _subdevs = new List<Subdevice{{n}}>();

                        public void RegisterSubdev(Subdevice{{n}} sd) => _subdevs.Add(sd);

                        public void UnregisterSubdev(Subdevice{{n}} sd)
                        {
                            _subdevs.Remove(sd);
                            sd.Release();
                        }
                    }

                    public sealed class Entity{{n}} : Subdevice{{n}}
                    {
                        public Entity{{n}}(int pads)
                        {
                            Pads = new int[pads];
                            Name = "entity" + pads;
                        }

                        public int[]? Pads { get; private set; }

                        protected internal override void Release() => Pads = null;
                    }


                """);
            text.Append(Registers(n, random));
            text.Append(Device(n, random, sealedDevice, bugs.Contains(Bug.FieldUseAfterHelperClose)));
            text.Append(Helpers(n));
            text.Append(Chains(n, random));
            text.Append(Usage(module, n, sealedDevice, bugs));
            text.Append("}\n");
            return text.ToString();
        }

        private static List<Bug> PickBugs(int module, Random random)
        {
            var bugs = new List<Bug>();
            var count = random.Next(4) switch { 0 => 0, 1 or 2 => 1, _ => 2 };
            var kinds = Enum.GetValues<Bug>();
            while (bugs.Count < count)
            {
                var bug = kinds[random.Next(kinds.Length)];
                if (!bugs.Contains(bug) && !(bug == Bug.UseAfterOtherModuleHelper && module == 0))
                {
                    bugs.Add(bug);
                }
            }

            return bugs;
        }

        /// <summary>Register decoding: the plain code that makes up most of a real driver.</summary>
        private static string Registers(string n, Random random)
        {
            var cases = random.Next(6, 15);
            var text = new StringBuilder();
            text.Append($$"""
                    internal static class Registers{{n}}
                    {
                        public static int Decode(int address, int value)
                        {
                            switch (address & 0x1F)
                            {

                """);
            for (var i = 0; i < cases; i++)
            {
                var shift = random.Next(1, 6);
                var mask = random.Next(1, 255);
                text.Append($$"""
                                case {{i}}:
                                    return ((value >> {{shift}}) & 0x{{mask:X2}}) | {{i}};

                    """);
            }

            text.Append($$"""
                                default:
                                    return value;
                            }
                        }

                        public static string Describe(int address) => address switch
                        {

                """);
            for (var i = 0; i < cases; i++)
            {
                text.Append($"            {i} => \"reg{i}\",\n");
            }

            text.Append($$"""
                            _ => "reserved",
                        };

                        public static int Scale(int raw, int gain)
                        {
                            var value = raw;
                            for (var i = 0; i < gain; i++)
                            {
                                value = value < 0x4000 ? value * 2 : value / 2;
                            }

                            return value;
                        }
                    }


                """);
            return text.ToString();
        }

        private static string Device(string n, Random random, bool sealedDevice, bool plantFieldBug)
        {
            // Construction: the bus first, then everything else in a shuffled order (the pin after the buffer it pins).
            var init = new List<string>
            {
                "_buffer = ArrayPool<byte>.Shared.Rent(size);",
                "_native = Marshal.AllocHGlobal(size);",
                "_log = new MemoryStream();",
                "_bus.Interrupt += OnInterrupt;",
                "_bus.Received += OnReceived;",
                "_timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);",
                "_worker = new Thread(Loop) { IsBackground = true };\n_worker.Start();",
                "_registration = _cts.Token.Register(OnCancelled);",
                "_bus.Register(this);",
                $"Registry{n}.Register(this);",
                "_count = size;\n_scale = scale;",
            };
            Shuffle(init, random);
            var pinAt = init.IndexOf("_buffer = ArrayPool<byte>.Shared.Rent(size);") + 1 + random.Next(2);
            init.Insert(Math.Min(pinAt, init.Count), "_pin = GCHandle.Alloc(_buffer, GCHandleType.Pinned);");

            // Teardown: unregistrations and releases in a shuffled order, the cancellation source last.
            var teardown = new List<string>
            {
                "_bus.Interrupt -= OnInterrupt;",
                "_bus.Received -= OnReceived;",
                "_bus.Unregister(this);",
                $"Registry{n}.Unregister(this);",
                "_cts.Cancel();\n_worker.Join();",
                "_timer.Dispose();",
                "_registration.Dispose();",
                "_log.Dispose();",
                "if (_pin.IsAllocated)\n{\n    _pin.Free();\n}",
                "ArrayPool<byte>.Shared.Return(_buffer);",
            };
            Shuffle(teardown, random);
            teardown.Add("_cts.Dispose();");
            var native = "Marshal.FreeHGlobal(_native);\n_native = IntPtr.Zero;";

            var text = new StringBuilder();
            text.Append($$"""
                    public {{(sealedDevice ? "sealed " : "")}}class Sensor{{n}} : IClient{{n}}, IDisposable
                    {
                        private readonly Bus{{n}} _bus;
                        private readonly Timer _timer;
                        private readonly Thread _worker;
                        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
                        private readonly CancellationTokenRegistration _registration;
                        private readonly MemoryStream _log;
                        private readonly byte[] _buffer;
                        private IntPtr _native;
                        private GCHandle _pin;
                        private int _count;
                        private int _scale;
                        private bool _disposed;

                        public Sensor{{n}}(Bus{{n}} bus, int size, int scale)
                        {
                            _bus = bus;
                {{Indent(init, 3)}}
                        }

                        public int Count => _count;

                        public void Probe(int line)
                        {
                            _count += line;
                            Fill(_buffer, _count);
                        }

                        public void Remove() => _count = 0;


                """);
            if (sealedDevice)
            {
                teardown.Add(native);
                text.Append($$"""
                            public void Dispose()
                            {
                                if (_disposed)
                                {
                                    return;
                                }

                                _disposed = true;
                    {{Indent(teardown, 3)}}
                            }


                    """);
            }
            else
            {
                text.Append($$"""
                            public void Dispose()
                            {
                                Dispose(true);
                                GC.SuppressFinalize(this);
                            }

                            protected virtual void Dispose(bool disposing)
                            {
                                if (_disposed)
                                {
                                    return;
                                }

                                _disposed = true;
                                if (disposing)
                                {
                    {{Indent(teardown, 4)}}
                                }

                    {{Indent(new[] { native }, 3)}}
                            }


                    """);
            }

            if (plantFieldBug)
            {
                text.Append($$"""
                            public void Hangup()
                            {
                                Helpers{{n}}.CloseStream(_log);
                                _log.Flush(); // LIFE001
                            }


                    """);
            }

            text.Append($$"""
                        private static void Fill(byte[] target, int seed)
                        {
                            for (var i = 0; i < target.Length; i++)
                            {
                                target[i] = (byte)(seed + i);
                            }
                        }

                        private void OnInterrupt(object? sender, int line)
                        {
                            if (_count > 0)
                            {
                                _buffer[line % _buffer.Length] = (byte)(line * _scale);
                            }
                        }

                        private void OnReceived(byte[] frame)
                        {
                            _log.Write(frame, 0, frame.Length);
                            Marshal.WriteByte(_native, (byte)frame.Length);
                        }

                        private void OnTick(object? state) => _count = Helpers{{n}}.Checksum(_buffer, _count);

                        private void OnCancelled() => _count = -1;

                        private void Loop()
                        {
                            while (!_cts.IsCancellationRequested)
                            {
                                Step();
                                Thread.Sleep(1);
                            }
                        }

                        private void Step()
                        {
                            var frame = ArrayPool<byte>.Shared.Rent(64);
                            try
                            {
                                Fill(frame, Registers{{n}}.Scale(_scale, 2));
                                _bus.Deliver(frame);
                            }
                            finally
                            {
                                ArrayPool<byte>.Shared.Return(frame);
                            }
                        }
                    }


                """);
            if (!sealedDevice)
            {
                text.Append($$"""
                        public sealed class Sensor{{n}}Ex : Sensor{{n}}
                        {
                            private readonly MemoryStream _extra;

                            public Sensor{{n}}Ex(Bus{{n}} bus)
                                : base(bus, 32, 2)
                            {
                                _extra = new MemoryStream();
                            }

                            protected override void Dispose(bool disposing)
                            {
                                if (disposing)
                                {
                                    _extra.Dispose();
                                }

                                base.Dispose(disposing);
                            }
                        }


                    """);
            }

            return text.ToString();
        }

        private static string Helpers(string n) => $$"""
                internal static class Helpers{{n}}
                {
                    public static void ReleaseBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

                    public static void CloseStream(Stream stream)
                    {
                        stream.Flush();
                        stream.Dispose();
                    }

                    public static void FreeNative(IntPtr memory) => Marshal.FreeHGlobal(memory);

                    public static void FreeIfOwned(IntPtr memory, bool owned)
                    {
                        if (owned)
                        {
                            Marshal.FreeHGlobal(memory);
                        }
                    }

                    public static void Shutdown(IDisposable resource, Action<string> log)
                    {
                        try
                        {
                            log("shutdown");
                        }
                        finally
                        {
                            resource.Dispose();
                        }
                    }

                    public static int Checksum(byte[] data, int count)
                    {
                        var sum = 0;
                        for (var i = 0; i < count && i < data.Length; i++)
                        {
                            sum = unchecked((sum * 31) + data[i]);
                        }

                        return sum;
                    }
                }


            """;

        /// <summary>A chain 5 to 10 calls deep that ends in a release (deeper than summaries follow), and a short one (followed).</summary>
        private static string Chains(string n, Random random)
        {
            var depth = random.Next(5, 11);
            var shallow = random.Next(2, 4);
            var text = new StringBuilder();
            text.Append($$"""
                    internal static class Chain{{n}}
                    {

                """);
            for (var level = 1; level < depth; level++)
            {
                var next = $"Deep{level + 1}";
                var body = random.Next(4) switch
                {
                    0 => $$"""
                            var acc = n;
                            for (var i = 0; i < 3; i++)
                            {
                                acc += i * n;
                            }

                            return {{next}}(stream, acc) + 1;
                    """,
                    1 => $$"""
                            switch (n % 4)
                            {
                                case 0:
                                    n += 3;
                                    break;
                                case 1:
                                    n *= 2;
                                    break;
                                default:
                                    n--;
                                    break;
                            }

                            return {{next}}(stream, n);
                    """,
                    2 => $$"""
                            try
                            {
                                return {{next}}(stream, n + 1);
                            }
                            catch (IOException)
                            {
                                return -1;
                            }
                    """,
                    _ => $$"""
                            if (stream.CanSeek)
                            {
                                return {{next}}(stream, (int)stream.Position + n);
                            }
                            else
                            {
                                return {{next}}(stream, n - 1);
                            }
                    """,
                };
                text.Append($$"""
                        public static int Deep{{level}}(Stream stream, int n)
                        {
                    {{Indent(new[] { body }, 1)}}
                        }


                    """);
            }

            text.Append($$"""
                        public static int Deep{{depth}}(Stream stream, int n)
                        {
                            try
                            {
                                stream.WriteByte((byte)n);
                            }
                            finally
                            {
                                stream.Dispose();
                            }

                            return n;
                        }


                """);
            for (var level = 1; level < shallow; level++)
            {
                text.Append($$"""
                            public static void Shallow{{level}}(Stream stream)
                            {
                                if (stream.CanWrite)
                                {
                                    stream.WriteByte({{level}});
                                }

                                Shallow{{level + 1}}(stream);
                            }


                    """);
            }

            text.Append($$"""
                        public static void Shallow{{shallow}}(Stream stream) => stream.Dispose();
                    }


                """);
            return text.ToString();
        }

        private static string Usage(int module, string n, bool sealedDevice, List<Bug> bugs)
        {
            var previous = module > 0 ? $"global::Bench.Drivers.M{Id(module - 1)}.Helpers{Id(module - 1)}" : $"Helpers{n}";
            var text = new StringBuilder();
            text.Append($$"""
                    public static class Usage{{n}}
                    {
                        public static int Transfer(ReadOnlySpan<byte> payload)
                        {
                            var bounce = ArrayPool<byte>.Shared.Rent(payload.Length + 1);
                            try
                            {
                                bounce[0] = 1;
                                payload.CopyTo(bounce.AsSpan(1));
                                return Helpers{{n}}.Checksum(bounce, payload.Length + 1);
                            }
                            finally
                            {
                                ArrayPool<byte>.Shared.Return(bounce);
                            }
                        }

                        public static long CopyAll(Stream source)
                        {
                            using (var copy = new MemoryStream())
                            {
                                source.CopyTo(copy);
                                return copy.Length;
                            }
                        }

                        public static async Task<long> CopyAllAsync(Stream source)
                        {
                            await using (var copy = new MemoryStream())
                            {
                                await source.CopyToAsync(copy).ConfigureAwait(false);
                                return copy.Length;
                            }
                        }

                        public static int ReadPinned(byte[] data)
                        {
                            var handle = GCHandle.Alloc(data, GCHandleType.Pinned);
                            try
                            {
                                return Marshal.ReadByte(handle.AddrOfPinnedObject());
                            }
                            finally
                            {
                                handle.Free();
                            }
                        }

                        public static int Scratch(int size)
                        {
                            var memory = Marshal.AllocHGlobal(size);
                            try
                            {
                                for (var i = 0; i < size; i++)
                                {
                                    Marshal.WriteByte(memory, i, (byte)i);
                                }

                                return Marshal.ReadByte(memory, size / 2);
                            }
                            finally
                            {
                                Helpers{{n}}.FreeNative(memory);
                            }
                        }

                        public static int Batch(int count)
                        {
                            var total = 0;
                            for (var i = 0; i < count; i++)
                            {
                                var stream = new MemoryStream();
                                try
                                {
                                    stream.WriteByte((byte)i);
                                    total += (int)stream.Length;
                                }
                                finally
                                {
                                    stream.Dispose();
                                }
                            }

                            return total;
                        }

                        public static void RentMany(int count)
                        {
                            var buffers = new List<byte[]>();
                            for (var i = 0; i < count; i++)
                            {
                                buffers.Add(ArrayPool<byte>.Shared.Rent(16 + i));
                            }

                            foreach (var buffer in buffers)
                            {
                                ArrayPool<byte>.Shared.Return(buffer);
                            }
                        }

                        public static long Reopen(Stream first, Func<Stream> open)
                        {
                            var stream = first;
                            Helpers{{n}}.CloseStream(stream);
                            stream = open();
                            return stream.Length;
                        }

                        public static void Teardown(Stream stream, IntPtr memory, bool owned)
                        {
                            Helpers{{n}}.Shutdown(stream, message => Console.WriteLine(message));
                            Helpers{{n}}.FreeIfOwned(memory, owned);
                            if (!owned)
                            {
                                Marshal.WriteByte(memory, 0);
                            }
                        }

                        public static int Deep(Stream stream) => Chain{{n}}.Deep1(stream, 1);

                        public static Action Deferred(Stream stream) => () =>
                        {
                            stream.WriteByte(2);
                            stream.Dispose();
                        };

                        public static void ReturnToPrevious(byte[] buffer) => {{previous}}.ReleaseBuffer(buffer);

                        public static int Run(Bus{{n}} bus, int lines)
                        {
                            using var sensor = new Sensor{{n}}{{(sealedDevice ? "(bus, 64, 3)" : "Ex(bus)")}};
                            for (var line = 0; line < lines; line++)
                            {
                                bus.Raise(line);
                            }

                            return sensor.Count;
                        }

                        public static int Detach(Media{{n}} md, Entity{{n}} ved)
                        {
                            var pads = ved.Pads;
                            md.UnregisterSubdev(ved);
                            return pads?.Length ?? 0;
                        }

                """);
            foreach (var bug in bugs)
            {
                text.Append(bug switch
                {
                    Bug.UseAfterPoolHelper => $$"""

                                public static int BugPool(int size)
                                {
                                    var buffer = ArrayPool<byte>.Shared.Rent(size);
                                    buffer[0] = 1;
                                    Helpers{{n}}.ReleaseBuffer(buffer);
                                    return buffer[0]; // LIFE001
                                }

                        """,
                    Bug.UseAfterShallowChain => $$"""

                                public static long BugChain(Stream stream)
                                {
                                    Chain{{n}}.Shallow1(stream);
                                    return stream.Length; // LIFE001
                                }

                        """,
                    Bug.UseAfterHandleFree => $$"""

                                public static object? BugHandle(byte[] data)
                                {
                                    var handle = GCHandle.Alloc(data);
                                    handle.Free();
                                    return handle.Target; // LIFE001
                                }

                        """,
                    Bug.UseAfterUsingBlock => $$"""

                                public static long BugUsing(Stream stream)
                                {
                                    using (stream)
                                    {
                                        stream.WriteByte(1);
                                    }

                                    return stream.Position; // LIFE001
                                }

                        """,
                    Bug.UseAfterReleaseCallback => $$"""

                                public static int BugRelease(Media{{n}} md, Entity{{n}} ved)
                                {
                                    md.UnregisterSubdev(ved);
                                    return ved.Pads?.Length ?? 0; // LIFE001
                                }

                        """,
                    Bug.UseAfterOtherModuleHelper => $$"""

                                public static int BugPrevious(int size)
                                {
                                    var buffer = ArrayPool<byte>.Shared.Rent(size);
                                    {{previous}}.ReleaseBuffer(buffer);
                                    return buffer.Length; // LIFE001
                                }

                        """,
                    _ => "",
                });
            }

            text.Append("    }\n");
            return text.ToString();
        }

        private static string Indent(IEnumerable<string> statements, int level)
        {
            var pad = new string(' ', level * 4);
            return string.Join("\n", statements.SelectMany(s => s.Split('\n')).Select(line => line.Length == 0 ? line : pad + line));
        }

        private static void Shuffle<T>(List<T> items, Random random)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }
}
