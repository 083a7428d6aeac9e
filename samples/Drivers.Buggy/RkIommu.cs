// Ports the rockchip-iommu registration bug: rk_iommu_probe called iommu_device_register(), which lets the bus probe its
// devices (asynchronously) through callbacks that read dma_dev, before it set dma_dev. Here the bus probes through DeviceGroup.
using System.Collections.Generic;

namespace Drivers.Iommu
{
    /// <summary>A device on the bus: a master that does DMA behind an IOMMU, or the IOMMU itself.</summary>
    public sealed class Device
    {
        public Device(string name)
        {
            Name = name;
        }

        public string Name { get; }
    }

    /// <summary>The devices that share one translation context, mapped through the DMA device of their IOMMU.</summary>
    public sealed class IommuGroup
    {
        public IommuGroup(Device dmaDevice)
        {
            DmaDevice = dmaDevice;
        }

        public Device DmaDevice { get; }
    }

    /// <summary>What the bus calls on an IOMMU once it is registered.</summary>
    public abstract class IommuDevice
    {
        /// <summary>The probe callback: puts a device of the bus into a group behind this IOMMU.</summary>
        public abstract IommuGroup DeviceGroup(Device dev);
    }

    /// <summary>Keeps the registered IOMMUs, and probes its devices through each one as it registers.</summary>
    public sealed class Bus
    {
        private readonly List<IommuDevice> _iommus = new();
        private readonly List<Device> _devices = new();
        private readonly Dictionary<Device, IommuGroup> _groups = new();

        public int IommuCount => _iommus.Count;

        public void AddDevice(Device dev) => _devices.Add(dev);

        public void RegisterIommu(IommuDevice iommu)
        {
            _iommus.Add(iommu);
            foreach (Device dev in _devices)
            {
                _groups[dev] = iommu.DeviceGroup(dev);
            }
        }

        public IommuGroup? GroupOf(Device dev) => _groups.TryGetValue(dev, out IommuGroup? group) ? group : null;
    }

    /// <summary>The Rockchip IOMMU. Every instance maps through one DMA device, the first one probed, like the driver's global dma_dev.</summary>
    public sealed class RkIommu : IommuDevice
    {
        private static Device? s_dmaDev;

        public RkIommu(Device dev, Bus bus)
        {
            bus.RegisterIommu(this); // LIFE002: the bus calls DeviceGroup, which reads s_dmaDev, before it is assigned below
            s_dmaDev ??= dev;
        }

        public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
    }
}
