using System.Collections.Immutable;
using System.Linq;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>Which source methods are worth binding for a summary, told from the names they call.</summary>
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
}";

        [Theory]
        [InlineData("Decode", 4, false)]
        [InlineData("Send", 4, false)]
        [InlineData("Stop", 0, true)]
        [InlineData("Shutdown", 1, true)]
        [InlineData("Shutdown", 0, false)]
        [InlineData("Halt", 2, true)]
        [InlineData("Halt", 1, false)]
        [InlineData("Unplug", 0, true)]
        [InlineData("Pool", 0, true)]
        public void A_method_could_release_only_through_a_name_that_can(string method, int depth, bool could)
        {
            var compilation = CSharpCompilation.Create("Names", new[] { CSharpSyntaxTree.ParseText(Source) }, TestReferences.Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var context = LifetimeContext.For(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
            var symbol = compilation.GetTypeByMetadataName("Port")!.GetMembers(method).OfType<IMethodSymbol>().Single();

            Assert.Equal(could, context.ReleaseNames.CouldRelease(symbol, depth, default));
        }
    }
}
