// Shows a pinned receive-buffer bug: the GCHandle that pins the frame for the DMA engine is freed,
// and the driver then asks the freed handle for the frame it pinned.
using System;
using System.Runtime.InteropServices;

namespace Drivers.Dma
{
    /// <summary>The hardware side: writes a received frame to a pinned address and returns its length.</summary>
    public interface IReceiveEngine
    {
        int Receive(IntPtr destination, int capacity);
    }

    /// <summary>Receives frames straight into pinned managed buffers.</summary>
    public sealed class RxRing
    {
        private readonly IReceiveEngine _engine;

        public RxRing(IReceiveEngine engine)
        {
            _engine = engine;
        }

        public byte[] ReceiveFrame(int capacity)
        {
            GCHandle pin = GCHandle.Alloc(new byte[capacity], GCHandleType.Pinned);
            int received = _engine.Receive(pin.AddrOfPinnedObject(), capacity);
            pin.Free();
            var frame = (byte[])pin.Target!; // LIFE001: the handle is freed, Target throws
            return frame[..received];
        }
    }
}
