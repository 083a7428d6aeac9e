using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Inputs with many diagnostics, for the determinism and cancellation tests: the buggy sample project, and
    /// generated files of driver-style classes, each method with its own lifetime bug.
    /// </summary>
    internal static class WarningCorpus
    {
        private const string Usings = "using System;\nusing System.Buffers;\nusing System.Collections.Generic;\nusing System.IO;\nusing System.Runtime.InteropServices;\nusing System.Threading;\n";

        /// <summary>The files of <c>samples/Drivers.Buggy</c>, named by their path in the repository.</summary>
        public static ImmutableArray<(string Name, string Text)> BuggySample()
        {
            var folder = Repository.PathOf("samples/Drivers.Buggy");
            return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (Repository.Relative(path), File.ReadAllText(path)))
                .ToImmutableArray();
        }

        /// <summary><paramref name="files"/> generated files of <paramref name="classesPerFile"/> classes, every one with bugs of every family.</summary>
        public static ImmutableArray<(string Name, string Text)> Generated(int files, int classesPerFile)
        {
            var result = ImmutableArray.CreateBuilder<(string, string)>();
            result.Add(("Generated/Shared.cs", Usings + Shared));
            for (var file = 0; file < files; file++)
            {
                var code = new StringBuilder(Usings).AppendLine($"namespace Generated.Part{file}").AppendLine("{");
                for (var index = 0; index < classesPerFile; index++)
                {
                    code.AppendLine(Class($"Driver{file}_{index}"));
                }

                result.Add(($"Generated/Part{file}.cs", code.AppendLine("}").ToString()));
            }

            return result.ToImmutable();
        }

        /// <summary>The buggy sample and a generated corpus, together.</summary>
        public static (string Name, string Text)[] SampleAndGenerated(int files, int classesPerFile) =>
            BuggySample().Concat(Generated(files, classesPerFile)).ToArray();

        private const string Shared = """
            namespace Generated
            {
                public abstract class Subdevice { protected internal abstract void Release(); }
                public sealed class MediaPad { public void Cleanup() { } }
                public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
                public sealed class Sensor : EntityDevice { protected internal override void Release() { Pads = null; } }
                public sealed class MediaDevice
                {
                    private readonly List<Subdevice> _subdevs = new();
                    public void UnregisterSubdev(Subdevice sd) { _subdevs.Remove(sd); sd.Release(); }
                }
                public sealed class Bus
                {
                    private readonly List<IProbe> _probes = new();
                    public void Register(IProbe probe) { _probes.Add(probe); probe.Probe(); }
                }
                public interface IProbe { void Probe(); }
                public static class Helpers
                {
                    public static void Hangup(Stream s) { s.Flush(); s.Close(); }
                    public static void Teardown(Stream s) => Hangup(s);
                    public static void Drop(EntityDevice d, MediaDevice md) => md.UnregisterSubdev(d);
                    public static void CleanupPads(MediaPad[]? pads) { }
                }
            }
            """;

        private static string Class(string name) => $$"""
                public sealed class {{name}} : IProbe, IDisposable
                {
                    private Stream _line = new MemoryStream();
                    private readonly Timer _timer;
                    private string? _label;

                    public {{name}}(Bus bus)
                    {
                        bus.Register(this);
                        _timer = new Timer(_ => Probe(), null, Timeout.Infinite, Timeout.Infinite);
                        _label = "{{name}}";
                    }

                    public void Probe() => Console.WriteLine(_label!.Length + _line.Length);

                    public int Direct(Stream s) { s.Dispose(); return s.ReadByte() + s.ReadByte(); }

                    public void Closed(Stream s) { s.Close(); s.Position = 0; }

                    public void Pooled(byte[] data)
                    {
                        var buffer = ArrayPool<byte>.Shared.Rent(16);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer[0] = data[0];
                    }

                    public byte Native()
                    {
                        IntPtr p = Marshal.AllocHGlobal(4);
                        Marshal.FreeHGlobal(p);
                        return Marshal.ReadByte(p);
                    }

                    public void Chained(Stream s) { Helpers.Teardown(s); s.Flush(); }

                    public void Vimc(MediaDevice md, EntityDevice ved)
                    {
                        Helpers.Drop(ved, md);
                        foreach (var pad in ved.Pads!) { pad.Cleanup(); }
                    }

                    public void Cleanup(MediaDevice md, Sensor sensor)
                    {
                        md.UnregisterSubdev(sensor);
                        Helpers.CleanupPads(sensor.Pads);
                    }

                    public void DoubleFree()
                    {
                        IntPtr p = Marshal.AllocHGlobal(4);
                        Marshal.FreeHGlobal(p);
                        Marshal.FreeHGlobal(p);
                    }

                    public void Field() { _line.Dispose(); _line.WriteByte(1); }

                    public void Using(Stream s)
                    {
                        using (s) { s.WriteByte(2); }
                        s.Flush();
                    }

                    public void Branches(Stream s, bool flag)
                    {
                        if (flag) { s.Dispose(); } else { s.Close(); }
                        s.Flush();
                    }

                    public void Lambda(Stream s)
                    {
                        Action close = () => { s.Dispose(); s.Flush(); };
                        close();
                    }

                    public void Dispose() { _line.Dispose(); _timer.Dispose(); }
                }
            """;
    }
}
