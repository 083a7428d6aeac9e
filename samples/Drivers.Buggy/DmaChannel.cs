// Shows a DMA bounce-buffer bug: the buffer goes back to the shared pool, and the driver then writes the
// idle marker into it, corrupting whichever transfer rented it next.
using System;
using System.Buffers;

namespace Drivers.Dma
{
    /// <summary>The hardware side: takes a descriptor buffer and returns the number of payload bytes sent.</summary>
    public interface IDmaEngine
    {
        int Submit(byte[] descriptor, int length);
    }

    /// <summary>Copies each payload into a pooled bounce buffer whose first byte is the descriptor's state.</summary>
    public sealed class DmaChannel
    {
        private const byte Busy = 0x01;
        private const byte Idle = 0x00;

        private readonly IDmaEngine _engine;

        public DmaChannel(IDmaEngine engine)
        {
            _engine = engine;
        }

        public int Transfer(ReadOnlySpan<byte> payload)
        {
            byte[] bounce = ArrayPool<byte>.Shared.Rent(payload.Length + 1);
            bounce[0] = Busy;
            payload.CopyTo(bounce.AsSpan(1));
            int sent = _engine.Submit(bounce, payload.Length + 1);
            ArrayPool<byte>.Shared.Return(bounce);
            bounce[0] = Idle; // LIFE001: the buffer already belongs to the pool
            return sent;
        }
    }
}
