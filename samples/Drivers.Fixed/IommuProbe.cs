// Ports the iommu async-probe double free, fixed by giving the device's IOMMU data a single owner: DevIommuProbe reports
// a failed probe and leaves the block alone, and the async probe that allocated it frees it once, on every path.
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
        public bool AsyncProbe(string deviceName)
        {
            IntPtr dev = DevIommuGet();
            try
            {
                return DevIommuProbe(deviceName, dev);
            }
            finally
            {
                DevIommuFree(dev);
            }
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

        /// <summary>__iommu_probe_device: on success records the binding; on failure says so, and the data stays its caller's to free.</summary>
        private bool DevIommuProbe(string deviceName, IntPtr dev)
        {
            if (!_ops.ProbeDevice(deviceName, dev))
            {
                return false;
            }

            _bindings.Add(new IommuBinding(deviceName, Marshal.ReadInt32(dev)));
            return true;
        }

        /// <summary>dev_iommu_free.</summary>
        private static void DevIommuFree(IntPtr dev) => Marshal.FreeHGlobal(dev);
    }
}
