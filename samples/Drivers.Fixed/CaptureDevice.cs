// Shows the capture driver releasing its DMA ring once: the unregister helper only stops the DMA engine, and the release
// callback, the one place that frees what the constructor allocated, frees the ring and clears the pointer.
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
            Marshal.FreeHGlobal(_ring);
            _ring = IntPtr.Zero;
        }

        private void Unregister()
        {
            if (_streaming)
            {
                _engine.Stop();
                _streaming = false;
            }
        }
    }
}
