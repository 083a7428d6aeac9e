// Shows a serial-port registration bug: the line reader subscribes to the UART's DataReceived event before it creates
// the line buffer the handler appends to, so bytes that arrive in between reach a handler whose buffer is still null.
using System;
using System.Text;

namespace Drivers.Serial
{
    /// <summary>The bytes one receive interrupt delivered.</summary>
    public sealed class UartDataEventArgs : EventArgs
    {
        public UartDataEventArgs(ReadOnlyMemory<byte> data)
        {
            Data = data;
        }

        public ReadOnlyMemory<byte> Data { get; }
    }

    /// <summary>A UART whose receive path raises <see cref="DataReceived"/> on its own thread.</summary>
    public sealed class Uart
    {
        public event EventHandler<UartDataEventArgs>? DataReceived;

        /// <summary>Called by the receive interrupt with the bytes it drained from the FIFO.</summary>
        public void OnReceiveInterrupt(ReadOnlyMemory<byte> fifo) => DataReceived?.Invoke(this, new UartDataEventArgs(fifo));
    }

    /// <summary>Splits what a UART receives into text lines and hands each complete line on.</summary>
    public sealed class UartLineReader : IDisposable
    {
        private readonly Uart _uart;
        private readonly StringBuilder _line;
        private readonly Action<string> _onLine;

        public UartLineReader(Uart uart, Action<string> onLine)
        {
            _uart = uart;
            _uart.DataReceived += OnDataReceived; // LIFE002: OnDataReceived appends to _line, which is created below
            _line = new StringBuilder();
            _onLine = onLine;
        }

        public void Dispose() => _uart.DataReceived -= OnDataReceived;

        private void OnDataReceived(object? sender, UartDataEventArgs e)
        {
            foreach (byte b in e.Data.Span)
            {
                if (b == (byte)'\n')
                {
                    _onLine(_line.ToString());
                    _line.Clear();
                }
                else if (b != (byte)'\r')
                {
                    _line.Append((char)b);
                }
            }
        }
    }
}
