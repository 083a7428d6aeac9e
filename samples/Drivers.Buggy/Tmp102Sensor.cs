// Shows a sensor-binding registration bug: the TMP102 binding starts its polling timer before it stores the I2C device
// the tick reads, so the first tick can run on a thread-pool thread while the constructor has not finished.
using System;
using System.Threading;

namespace Drivers.Sensors
{
    /// <summary>A device on an I2C bus at a fixed address.</summary>
    public abstract class I2cDevice
    {
        /// <summary>Writes <paramref name="writeBuffer"/>, then reads into <paramref name="readBuffer"/> in one transfer.</summary>
        public abstract void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer);
    }

    /// <summary>Binds a TMP102 temperature sensor and polls it in the background.</summary>
    public sealed class Tmp102Sensor : IDisposable
    {
        private const byte TemperatureRegister = 0x00;
        private const double CelsiusPerBit = 0.0625;

        private readonly Timer _poll;
        private readonly I2cDevice _i2c;
        private double _celsius;

        public Tmp102Sensor(I2cDevice i2c, TimeSpan interval)
        {
            _poll = new Timer(Poll, null, TimeSpan.Zero, interval); // LIFE002: Poll reads _i2c, which is assigned below
            _i2c = i2c;
        }

        /// <summary>The temperature the last poll read.</summary>
        public double Celsius => Volatile.Read(ref _celsius);

        public void Dispose() => _poll.Dispose();

        private void Poll(object? state)
        {
            ReadOnlySpan<byte> pointer = stackalloc byte[] { TemperatureRegister };
            Span<byte> raw = stackalloc byte[2];
            _i2c.WriteRead(pointer, raw);

            // A 12-bit two's-complement reading, left-aligned in the 16-bit register.
            short value = (short)((raw[0] << 8) | raw[1]);
            Volatile.Write(ref _celsius, (value >> 4) * CelsiusPerBit);
        }
    }
}
