// Shows a firmware-loading bug: the image is read inside a using block, and the loader then asks
// the stream the block has closed for its length to size the payload.
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
            FileStream image = File.OpenRead(path);
            using (image)
            {
                image.ReadExactly(header);
            }

            long payloadLength = image.Length - HeaderSize; // LIFE001: the using block has closed the image
            return new FirmwareImage(header, payloadLength);
        }
    }
}
