// Shows the firmware image read correctly: everything the loader needs from the stream,
// the header and the payload length, is read before the using block closes it.
using System.IO;

namespace Drivers.Firmware
{
    /// <summary>A firmware image: its fixed-size header and the length of the payload after it.</summary>
    public sealed record FirmwareImage(byte[] Header, long PayloadLength);

    public sealed class FirmwareLoader
    {
        private const int HeaderSize = 16;

        public FirmwareImage Load(string path)
        {
            var header = new byte[HeaderSize];
            long payloadLength;
            FileStream image = File.OpenRead(path);
            using (image)
            {
                image.ReadExactly(header);
                payloadLength = image.Length - HeaderSize;
            }

            return new FirmwareImage(header, payloadLength);
        }
    }
}
