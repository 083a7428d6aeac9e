// Shows a keep-alive teardown bug: the heartbeat timer writes to the serial link on a thread-pool thread, and Dispose
// closes the link before it stops the timer, so a tick that is running, or one that fires in between, writes to a closed stream.
using System;
using System.IO;
using System.Threading;

namespace Drivers.Serial
{
    /// <summary>Sends a keep-alive byte over a serial link at a fixed period, so that the peer's watchdog keeps the link up.</summary>
    public sealed class SerialHeartbeat : IDisposable
    {
        private const byte KeepAlive = 0x16;

        private readonly Stream _link;
        private readonly Timer _beat;

        public SerialHeartbeat(Stream link, TimeSpan period)
        {
            _link = link;
            _beat = new Timer(Beat, null, period, period);
        }

        public void Dispose()
        {
            _link.Dispose(); // LIFE003: the timer is stopped only below, so Beat can still write to the closed link
            _beat.Dispose();
        }

        private void Beat(object? state)
        {
            _link.WriteByte(KeepAlive);
            _link.Flush();
        }
    }
}
