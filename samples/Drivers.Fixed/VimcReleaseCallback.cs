// Ports the vimc use after free, fixed the way the maintainers asked for: the release callback is the destructor.
// The concrete subdevice's Release() frees its own pads, so unregistering needs nothing from the entity afterwards.
namespace Drivers.Media.ReleaseCallback
{
    /// <summary>The sensor entity whose release callback cleans up everything its constructor allocated.</summary>
    public sealed class SensorEntity : EntityDevice
    {
        public SensorEntity()
            : base("vimc-sensor", padCount: 1)
        {
        }

        protected internal override void Release()
        {
            if (Pads == null)
            {
                return;
            }

            foreach (MediaPad pad in Pads)
            {
                pad.Cleanup();
            }

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

        public static void Unregister(MediaDevice md, EntityDevice ved) => md.UnregisterSubdev(ved);
    }
}
