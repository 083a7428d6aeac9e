// Shows the sensor binding registering last: the TMP102 binding stores the I2C device first and starts its polling
// timer as the constructor's final step, so every tick finds the binding fully built.
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

        private readonly I2cDevice _i2c;
        private readonly Timer _poll;
        private double _celsius;

        public Tmp102Sensor(I2cDevice i2c, TimeSpan interval)
        {
            _i2c = i2c;
            _poll = new Timer(Poll, null, TimeSpan.Zero, interval);
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
