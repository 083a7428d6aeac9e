// Shows the serial-port line reader split into init and register: the private constructor only builds the reader,
// and the static Create factory subscribes it to DataReceived once it is built, line buffer included.
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

        private UartLineReader(Uart uart, Action<string> onLine)
        {
            _uart = uart;
            _line = new StringBuilder();
            _onLine = onLine;
        }

        /// <summary>Builds a reader, then subscribes it: the handler can run from the moment it is subscribed.</summary>
        public static UartLineReader Create(Uart uart, Action<string> onLine)
        {
            var reader = new UartLineReader(uart, onLine);
            reader.Register();
            return reader;
        }

        public void Dispose() => _uart.DataReceived -= OnDataReceived;

        private void Register()
        {
            _uart.DataReceived += OnDataReceived;
        }

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
