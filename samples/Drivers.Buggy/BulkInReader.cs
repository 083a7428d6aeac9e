// Shows a USB bulk-in double return: the completion helper hands each packet to its consumer and gives the pooled buffer back,
// and the read loop, unaware of that, returns the same buffer to the pool again, so two later reads rent the same array.
using System;
using System.Buffers;

namespace Drivers.Usb
{
    /// <summary>The host controller side: fills the buffer with the next bulk-in packet and returns its length, 0 when none came.</summary>
    public interface IBulkEndpoint
    {
        int Read(byte[] buffer);
    }

    /// <summary>Whoever consumes the packets.</summary>
    public interface IPacketSink
    {
        void Deliver(ReadOnlySpan<byte> packet);
    }

    /// <summary>Polls a bulk-in endpoint into buffers rented from the shared pool.</summary>
    public sealed class BulkInReader
    {
        private const int MaxPacketSize = 512;

        private readonly IBulkEndpoint _endpoint;
        private readonly IPacketSink _sink;

        public BulkInReader(IBulkEndpoint endpoint, IPacketSink sink)
        {
            _endpoint = endpoint;
            _sink = sink;
        }

        /// <summary>Reads one packet; false when the endpoint had nothing.</summary>
        public bool Poll()
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxPacketSize);
            int length = _endpoint.Read(buffer);
            if (length == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return false;
            }

            Complete(buffer, length);
            ArrayPool<byte>.Shared.Return(buffer); // LIFE004: Complete has returned the buffer to the pool already
            return true;
        }

        /// <summary>The completion: delivers the packet and recycles its buffer.</summary>
        private void Complete(byte[] buffer, int length)
        {
            _sink.Deliver(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
