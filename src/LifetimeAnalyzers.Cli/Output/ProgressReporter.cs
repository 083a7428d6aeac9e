using System;
using System.Diagnostics;
using System.IO;

namespace LifetimeAnalyzers.Cli.Output
{
    /// <summary>
    /// One status line on standard error, rewritten in place, for a person watching a terminal. When standard error is
    /// redirected the runner gets <see cref="None"/>, and a log or a pipe sees nothing but real messages.
    /// </summary>
    internal sealed class ProgressReporter
    {
        /// <summary>A status line is rewritten at most this often, except the last of a phase.</summary>
        private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);

        private readonly TextWriter? _writer;
        private readonly object _gate = new();
        private readonly Stopwatch _sinceLastWrite = Stopwatch.StartNew();
        private bool _lineShown;

        public ProgressReporter(TextWriter? writer)
        {
            _writer = writer;
        }

        public static ProgressReporter None { get; } = new ProgressReporter(null);

        public bool IsEnabled => _writer is not null;

        /// <summary>Shows <paramref name="status"/>; unless <paramref name="force"/>, skips it when the last one is very recent.</summary>
        public void Report(string status, bool force = false)
        {
            if (_writer is null)
            {
                return;
            }

            lock (_gate)
            {
                if (!force && _lineShown && _sinceLastWrite.Elapsed < s_interval)
                {
                    return;
                }

                // Carriage return, the text, then erase what is left of a longer previous line.
                _writer.Write("\r" + Fit(status) + "\u001b[K");
                _writer.Flush();
                _lineShown = true;
                _sinceLastWrite.Restart();
            }
        }

        /// <summary>Removes the status line, before real output is printed.</summary>
        public void Clear()
        {
            if (_writer is null)
            {
                return;
            }

            lock (_gate)
            {
                if (_lineShown)
                {
                    _writer.Write("\r\u001b[K");
                    _writer.Flush();
                    _lineShown = false;
                }
            }
        }

        private static string Fit(string status)
        {
            int width;
            try
            {
                width = Console.WindowWidth;
            }
            catch (IOException)
            {
                return status;
            }
            catch (PlatformNotSupportedException)
            {
                return status;
            }

            return width > 1 && status.Length >= width ? status.Substring(0, width - 1) : status;
        }
    }
}
