// Shows the USB bulk-in reader returning each pooled buffer once: the completion helper only delivers the packet,
// and the read loop that rented the buffer gives it back in a finally block, on every path.
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
            try
            {
                int length = _endpoint.Read(buffer);
                if (length == 0)
                {
                    return false;
                }

                Complete(buffer, length);
                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The completion: delivers the packet. The buffer stays the caller's, who rented it.</summary>
        private void Complete(byte[] buffer, int length) => _sink.Deliver(buffer.AsSpan(0, length));
    }
}
