using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>The framework types the engine knows about, resolved once per compilation; any may be absent.</summary>
    internal sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            IDisposable = compilation.GetTypeByMetadataName("System.IDisposable");
            IAsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            ArrayPool = compilation.GetTypeByMetadataName("System.Buffers.ArrayPool`1");
            Marshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal");
            NativeMemory = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.NativeMemory");
            GCHandle = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.GCHandle");
            GC = compilation.GetTypeByMetadataName("System.GC");
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            Object = compilation.GetSpecialType(SpecialType.System_Object);
            ClosableTypes = new[]
            {
                // Types whose Close() is documented to be their Dispose(): after it the instance is dead.
                compilation.GetTypeByMetadataName("System.IO.Stream"),
                compilation.GetTypeByMetadataName("System.IO.TextReader"),
                compilation.GetTypeByMetadataName("System.IO.TextWriter"),
                compilation.GetTypeByMetadataName("System.IO.BinaryReader"),
                compilation.GetTypeByMetadataName("System.IO.BinaryWriter"),
                compilation.GetTypeByMetadataName("System.Runtime.InteropServices.SafeHandle"),
                compilation.GetTypeByMetadataName("System.Threading.WaitHandle"),
                compilation.GetTypeByMetadataName("System.Net.Sockets.Socket"),
                compilation.GetTypeByMetadataName("System.Net.Sockets.TcpClient"),
                compilation.GetTypeByMetadataName("System.Net.Sockets.UdpClient"),
            };
        }

        public INamedTypeSymbol? IDisposable { get; }
        public INamedTypeSymbol? IAsyncDisposable { get; }
        public INamedTypeSymbol? ArrayPool { get; }
        public INamedTypeSymbol? Marshal { get; }
        public INamedTypeSymbol? NativeMemory { get; }
        public INamedTypeSymbol? GCHandle { get; }
        public INamedTypeSymbol? GC { get; }
        public INamedTypeSymbol? Monitor { get; }
        public INamedTypeSymbol Object { get; }
        public INamedTypeSymbol?[] ClosableTypes { get; }
    }
}
