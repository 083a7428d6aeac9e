using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LifetimeAnalyzers.Tests.Meta
{
    /// <summary>Code being typed is broken code: no analyzer of the package may throw on it (AD0001).</summary>
    public sealed class BrokenCodeTests
    {
        public static TheoryData<string> Snippets() => new()
        {
            // A statement cut off while typing the use.
            """
            using System.IO;
            class Port
            {
                void Stop(Stream line)
                {
                    line.Dispose();
                    line.
                }
            }
            """,
            // The release callback's owner does not resolve.
            """
            static class Entities
            {
                public static void Unregister(MediaDevice md, EntityDevice ved)
                {
                    md.UnregisterSubdev(ved);
                    CleanupPads(ved.Pads);
                }
            }
            """,
            // Unbalanced braces and a half-written using block.
            """
            using System.IO;
            class Port
            {
                void Stop()
                {
                    var s = new MemoryStream();
                    using (s
                    s.WriteByte(1);
            """,
            // A helper that calls itself, and one that calls a missing method.
            """
            using System.IO;
            class Port
            {
                static void Close(Stream s) { Close(s); }
                static void Hangup(Stream s) { Missing(s); s.Dispose(); }
                void Stop(Stream s) { Close(s); Hangup(s); s.Flush(); }
            }
            """,
            // Mutually recursive releasing helpers.
            """
            using System.IO;
            class Port
            {
                static void A(Stream s, int n) { if (n > 0) B(s, n - 1); else s.Dispose(); }
                static void B(Stream s, int n) { A(s, n); }
                void Stop(Stream s) { A(s, 3); s.Flush(); }
            }
            """,
            // Wrong argument counts, a misnamed attribute argument and an undeclared local.
            """
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;
            class Dma
            {
                [Releases(1, 2)] void Unmap() { }
                void M()
                {
                    ArrayPool<byte>.Shared.Return();
                    Marshal.FreeHGlobal();
                    undeclared.Dispose();
                    undeclared[0] = 1;
                    GCHandle h = default;
                    h.Free(1);
                }
            }
            """,
            // Top-level statements and a lambda without a body.
            """
            using System;
            using System.IO;
            var s = new MemoryStream();
            s.Dispose();
            Action a = () => ;
            s.Flush();
            """,
        };

        [Theory]
        [MemberData(nameof(Snippets))]
        public async Task No_analyzer_throws_on_broken_code(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Broken",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                TestReferences.Framework,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);

            var diagnostics = await compilation
                .WithAnalyzers(PackageContents.Analyzers(), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            var failures = exceptions.Concat(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage())).ToList();
            Assert.True(failures.Count == 0, "An analyzer threw:\n" + string.Join("\n", failures));
        }
    }
}
