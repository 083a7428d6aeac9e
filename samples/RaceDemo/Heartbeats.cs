// The same serial heartbeat twice, differing only in the order of its teardown: ReleaseFirstHeartbeat closes the link and
// then stops the timer (LIFE003 warns on it), StopFirstHeartbeat stops the timer, waits for a running tick, then closes the link.
using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace RaceDemo
{
    /// <summary>What the heartbeat ticks did: frames sent, and ticks that found the link closed or failed otherwise.</summary>
    public sealed class Tally
    {
        private int _sent;
        private int _disposed;
        private int _otherFailures;

        public int Sent => Volatile.Read(ref _sent);

        public int HitDisposed => Volatile.Read(ref _disposed);

        public int OtherFailures => Volatile.Read(ref _otherFailures);

        public int Failures => HitDisposed + OtherFailures;

        public void CountSent() => Interlocked.Increment(ref _sent);

        public void CountDisposed() => Interlocked.Increment(ref _disposed);

        public void CountOtherFailure() => Interlocked.Increment(ref _otherFailures);
    }

    /// <summary>The link the heartbeat writes to: each byte takes as long as it would on a UART at 9600 baud, about a millisecond.</summary>
    internal static class Uart
    {
        public const int Baud = 9600;

        /// <summary>A start bit, eight data bits and a stop bit.</summary>
        private static readonly long s_ticksPerByte = Stopwatch.Frequency * 10 / Baud;

        public static void WaitOneByteTime()
        {
            long until = Stopwatch.GetTimestamp() + s_ticksPerByte;
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(20);
            }
        }

        /// <summary>
        /// Writes a keep-alive frame byte by byte. A tick's exception is counted here rather than thrown: thrown on a
        /// thread-pool thread, it would end the process, which is what happens to a driver that does not catch it.
        /// </summary>
        public static void SendFrame(Stream link, ReadOnlySpan<byte> frame, Tally tally)
        {
            try
            {
                foreach (byte b in frame)
                {
                    link.WriteByte(b);
                    WaitOneByteTime();
                }

                tally.CountSent();
            }
            catch (ObjectDisposedException)
            {
                tally.CountDisposed();
            }
            catch (Exception)
            {
                tally.CountOtherFailure();
            }
        }
    }

    /// <summary>The buggy teardown: the link is closed while the timer can still run Beat.</summary>
    public sealed class ReleaseFirstHeartbeat : IDisposable
    {
        private static readonly byte[] s_frame = { 0x16, 0x16, 0x05, 0x0A };

        private readonly Stream _link;
        private readonly Tally _tally;
        private readonly Timer _beat;

        public ReleaseFirstHeartbeat(Stream link, Tally tally, int periodMilliseconds)
        {
            _link = link;
            _tally = tally;
            _beat = new Timer(Beat, null, 0, periodMilliseconds);
        }

        public void Dispose()
        {
            _link.Dispose(); // LIFE003: the timer is stopped only below, so Beat can still write to the closed link
            using (var stopped = new ManualResetEvent(false))
            {
                if (_beat.Dispose(stopped))
                {
                    stopped.WaitOne();
                }
            }
        }

        private void Beat(object? state) => Uart.SendFrame(_link, s_frame, _tally);
    }

    /// <summary>The fixed teardown: no tick runs, or can start, once the link is closed.</summary>
    public sealed class StopFirstHeartbeat : IDisposable
    {
        private static readonly byte[] s_frame = { 0x16, 0x16, 0x05, 0x0A };

        private readonly Stream _link;
        private readonly Tally _tally;
        private readonly Timer _beat;

        public StopFirstHeartbeat(Stream link, Tally tally, int periodMilliseconds)
        {
            _link = link;
            _tally = tally;
            _beat = new Timer(Beat, null, 0, periodMilliseconds);
        }

        public void Dispose()
        {
            // Timer.Dispose() alone returns while a tick may still be running; this overload signals once it has finished.
            using (var stopped = new ManualResetEvent(false))
            {
                if (_beat.Dispose(stopped))
                {
                    stopped.WaitOne();
                }
            }

            _link.Dispose();
        }

        private void Beat(object? state) => Uart.SendFrame(_link, s_frame, _tally);
    }
}
