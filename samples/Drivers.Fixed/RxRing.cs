// Shows the pinned receive buffer handled correctly: the frame is held in a local, the pin is freed in a
// finally block, and the received bytes are read from the local rather than from the freed handle.
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
            var frame = new byte[capacity];
            GCHandle pin = GCHandle.Alloc(frame, GCHandleType.Pinned);
            int received;
            try
            {
                received = _engine.Receive(pin.AddrOfPinnedObject(), capacity);
            }
            finally
            {
                pin.Free();
            }

            return frame[..received];
        }
    }
}
