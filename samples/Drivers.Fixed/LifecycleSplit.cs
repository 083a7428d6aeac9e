// The three seed ports as the lifecycle split refactoring leaves them: each object's life in four parts, the discipline
// the maintainers prescribed. The constructor only initialises; Register publishes the object once it is complete;
// Unregister withdraws it, so that no callback arrives any more; the teardown unregisters first and then frees what init
// allocated, and the release callback is the destructor. Callers construct through Create, which runs init then register.
// The tests split the buggy samples and compare the result with these classes.
using System;

namespace Drivers.Media.LifecycleSplit
{
    /// <summary>The sensor entity, split: its release callback cleans up the pads before it drops them.</summary>
    public sealed class SensorEntity : EntityDevice
    {
        public SensorEntity()
            : base("vimc-sensor", padCount: 1)
        {
        }

        protected internal override void Release()
        {
            Entities.CleanupPads(Pads);
            Pads = null;
        }
    }

    public static class Entities
    {
        public static EntityDevice Register(MediaDevice md)
        {
            var ved = new SensorEntity();
            md.RegisterSubdev(ved);
            return ved;
        }

        public static void Unregister(MediaDevice md, EntityDevice ved)
        {
            md.UnregisterSubdev(ved);
        }

        internal static void CleanupPads(MediaPad[]? pads)
        {
            if (pads == null)
            {
                return;
            }

            foreach (MediaPad pad in pads)
            {
                pad.Cleanup();
            }
        }
    }
}

namespace Drivers.Iommu.LifecycleSplit
{
    /// <summary>The Rockchip IOMMU, split: the bus can probe through it only once the DMA device is set.</summary>
    public sealed class RkIommu : IommuDevice
    {
        private static Device? s_dmaDev;

        public static RkIommu Create(Device dev, Bus bus)
        {
            var instance = new RkIommu(dev, bus);
            instance.Register(bus);
            return instance;
        }

        private RkIommu(Device dev, Bus bus)
        {
            s_dmaDev ??= dev;
        }

        private void Register(Bus bus)
        {
            bus.RegisterIommu(this);
        }

        public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
    }
}

namespace Drivers.Rpmsg.LifecycleSplit
{
    /// <summary>The tty over rpmsg, split: the endpoint is closed before the shared memory it writes to is unmapped.</summary>
    public sealed class RpmsgTty : IDisposable
    {
        private SharedMemory? _shm;
        private Endpoint? _ept;

        public static RpmsgTty Create(RemoteProc rproc)
        {
            var instance = new RpmsgTty(rproc);
            instance.Register(rproc);
            return instance;
        }

        private RpmsgTty(RemoteProc rproc)
        {
            _shm = rproc.MapShared();
        }

        private void Register(RemoteProc rproc)
        {
            _ept = rproc.CreateEndpoint(OnReceive);
        }

        private void Unregister()
        {
            _ept?.Dispose();
        }

        private void OnReceive(ReadOnlySpan<byte> msg) => _shm!.Write(msg);

        public void Dispose()
        {
            Unregister();
            _shm!.Dispose();
            _shm = null;
        }
    }
}
