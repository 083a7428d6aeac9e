// Shows a capture-driver double free: the unregister helper stops the DMA engine and frees the descriptor ring "to be safe",
// and the release callback, which calls that helper first, then frees the ring again.
using System;
using System.Runtime.InteropServices;

namespace Drivers.Media.Capture
{
    /// <summary>The hardware side: fetches frames through a ring of DMA descriptors in native memory.</summary>
    public interface ICaptureEngine
    {
        void Start(IntPtr ring, int descriptors);

        void Stop();
    }

    /// <summary>A video capture subdevice that owns its DMA descriptor ring from construction to its release callback.</summary>
    public sealed class CaptureDevice : Subdevice
    {
        private const int Descriptors = 32;
        private const int DescriptorSize = 16;

        private readonly ICaptureEngine _engine;
        private IntPtr _ring;
        private bool _streaming;

        public CaptureDevice(ICaptureEngine engine)
            : base("vimc-capture")
        {
            _engine = engine;
            _ring = Marshal.AllocHGlobal(Descriptors * DescriptorSize);
        }

        public void StartStreaming()
        {
            _engine.Start(_ring, Descriptors);
            _streaming = true;
        }

        /// <summary>The release callback: stop the hardware, then free what the constructor allocated.</summary>
        protected internal override void Release()
        {
            Unregister();
            Marshal.FreeHGlobal(_ring); // LIFE004: Unregister() has freed the ring already
        }

        private void Unregister()
        {
            if (_streaming)
            {
                _engine.Stop();
                _streaming = false;
            }

            Marshal.FreeHGlobal(_ring);
        }
    }
}
