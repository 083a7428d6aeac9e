// Shows a serial driver teardown bug: a helper sends the hang-up byte and closes the port,
// and Dispose then flushes the port it has just closed.
using System;
using System.IO;

namespace Drivers.Serial
{
    /// <summary>Drives a UART exposed as a stream.</summary>
    public sealed class SerialPortDriver : IDisposable
    {
        private const byte EndOfTransmission = 0x04;

        private readonly Stream _port;

        public SerialPortDriver(Stream port)
        {
            _port = port;
        }

        public void Send(ReadOnlySpan<byte> data) => _port.Write(data);

        public void Dispose()
        {
            Hangup(_port);
            _port.Flush(); // LIFE001: Hangup closed the port, the queued bytes are lost and Flush throws
        }

        private static void Hangup(Stream port)
        {
            port.WriteByte(EndOfTransmission);
            port.Close();
        }
    }
}
