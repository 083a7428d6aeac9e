// Shows the keep-alive teardown done in order: Dispose stops the heartbeat timer and waits for a tick that is still running,
// and only then closes the serial link the tick writes to.
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
            // Timer.Dispose() stops new ticks but returns while a tick may still be running;
            // this overload signals the handle once the running ticks have finished.
            using (var stopped = new ManualResetEvent(false))
            {
                if (_beat.Dispose(stopped))
                {
                    stopped.WaitOne();
                }
            }

            _link.Dispose();
        }

        private void Beat(object? state)
        {
            _link.WriteByte(KeepAlive);
            _link.Flush();
        }
    }
}
