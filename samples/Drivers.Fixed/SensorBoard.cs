// Shows the board teardown in the reverse order of acquisition: the humidity sensor, built on the I2C controller, is disposed
// first and stops the chip's periodic measurement while the bus is still open; the controller is closed last.
using System;

namespace Drivers.Boards
{
    /// <summary>An I2C controller: transfers to the devices on its bus until it is closed.</summary>
    public sealed class I2cController : IDisposable
    {
        private bool _closed;

        public I2cController(int busNumber)
        {
            BusNumber = busNumber;
        }

        public int BusNumber { get; }

        /// <summary>Writes <paramref name="data"/> to the device at <paramref name="address"/>.</summary>
        public void Write(int address, ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            // The controller clocks the address and the bytes out here.
        }

        public void Dispose() => _closed = true;
    }

    /// <summary>An SHT31 humidity sensor, measuring twice a second from the moment it is bound until it is disposed.</summary>
    public sealed class Sht31Sensor : IDisposable
    {
        private const int Address = 0x44;
        private static readonly byte[] s_periodicTwicePerSecond = { 0x22, 0x36 };
        private static readonly byte[] s_break = { 0x30, 0x93 };

        private readonly I2cController _bus;

        public Sht31Sensor(I2cController bus)
        {
            _bus = bus;
            _bus.Write(Address, s_periodicTwicePerSecond);
        }

        /// <summary>Stops the periodic measurement, so that the chip goes back to sleep.</summary>
        public void Dispose() => _bus.Write(Address, s_break);
    }

    /// <summary>A sensor board: one I2C controller and the sensors on its bus.</summary>
    public sealed class SensorBoard : IDisposable
    {
        private readonly I2cController _i2c;
        private readonly Sht31Sensor _humidity;

        public SensorBoard(int busNumber)
        {
            _i2c = new I2cController(busNumber);
            _humidity = new Sht31Sensor(_i2c);
        }

        public void Dispose()
        {
            _humidity.Dispose();
            _i2c.Dispose();
        }
    }
}
