// Ports the iommu async-probe double free: two probes of one device both ran dev_iommu_free() on the device's IOMMU data.
// Here DevIommuProbe frees the per-device block on its error path and returns, and the async probe then frees it again.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Drivers.Iommu.Probing
{
    /// <summary>An IOMMU driver's probe hook: fills in the device's IOMMU data, or returns false when it does not translate the device.</summary>
    public interface IIommuOps
    {
        bool ProbeDevice(string deviceName, IntPtr devIommu);
    }

    /// <summary>What a successful probe leaves behind: the device and the stream id its IOMMU assigned.</summary>
    public sealed record IommuBinding(string DeviceName, int StreamId);

    /// <summary>Probes the devices of a bus against an IOMMU, one device per call, from the bus's asynchronous probe worker.</summary>
    public sealed class IommuProbe
    {
        private const int DevIommuSize = 64;

        private readonly IIommuOps _ops;
        private readonly List<IommuBinding> _bindings = new();

        public IommuProbe(IIommuOps ops)
        {
            _ops = ops;
        }

        public int BindingCount => _bindings.Count;

        /// <summary>The bus's asynchronous probe of one device: allocates the device's IOMMU data, probes, and drops the data.</summary>
        public void AsyncProbe(string deviceName)
        {
            IntPtr dev = DevIommuGet();
            DevIommuProbe(deviceName, dev);
            Marshal.FreeHGlobal(dev); // LIFE004: when the IOMMU turned the device down, DevIommuProbe has freed it already
        }

        /// <summary>dev_iommu_get: a zeroed native block for the IOMMU driver to fill in.</summary>
        private static IntPtr DevIommuGet()
        {
            IntPtr dev = Marshal.AllocHGlobal(DevIommuSize);
            for (int offset = 0; offset < DevIommuSize; offset += sizeof(long))
            {
                Marshal.WriteInt64(dev, offset, 0);
            }

            return dev;
        }

        /// <summary>__iommu_probe_device: on success records the binding; on its error path frees the device's IOMMU data.</summary>
        private void DevIommuProbe(string deviceName, IntPtr dev)
        {
            if (!_ops.ProbeDevice(deviceName, dev))
            {
                DevIommuFree(dev);
                return;
            }

            _bindings.Add(new IommuBinding(deviceName, Marshal.ReadInt32(dev)));
        }

        /// <summary>dev_iommu_free.</summary>
        private static void DevIommuFree(IntPtr dev) => Marshal.FreeHGlobal(dev);
    }
}
