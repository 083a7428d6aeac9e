// Shows the serial driver teardown done in order: the port is flushed while it is still open,
// and only then does the helper send the hang-up byte and close it.
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
            _port.Flush();
            Hangup(_port);
        }

        private static void Hangup(Stream port)
        {
            port.WriteByte(EndOfTransmission);
            port.Close();
        }
    }
}
