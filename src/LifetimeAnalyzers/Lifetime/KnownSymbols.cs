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
            Enumerable = compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable);
            ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
            Timeout = compilation.GetTypeByMetadataName("System.Threading.Timeout");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            SpinWait = compilation.GetTypeByMetadataName("System.Threading.SpinWait");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
            Observable = compilation.GetTypeByMetadataName("System.IObservable`1");
            MemoryOwner = compilation.GetTypeByMetadataName("System.Buffers.IMemoryOwner`1");
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
        public INamedTypeSymbol Enumerable { get; }
        public INamedTypeSymbol? ThreadingTimer { get; }
        public INamedTypeSymbol? TimersTimer { get; }
        public INamedTypeSymbol? Thread { get; }
        public INamedTypeSymbol? ThreadPool { get; }
        public INamedTypeSymbol? Timeout { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? CancellationTokenSource { get; }
        public INamedTypeSymbol? SpinWait { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskFactory { get; }
        public INamedTypeSymbol? Observable { get; }
        public INamedTypeSymbol? MemoryOwner { get; }
        public INamedTypeSymbol?[] ClosableTypes { get; }
    }
}
