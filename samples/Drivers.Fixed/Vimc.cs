// Ports the vimc use after free, fixed the first way the thread proposed: the auxiliary variable.
// The pads are read into a local before UnregisterSubdev runs the release callback, and cleaned up from the local.
using System.Collections.Generic;

namespace Drivers.Media
{
    /// <summary>A connection point of a media entity; linked while the pipeline streams.</summary>
    public sealed class MediaPad
    {
        public MediaPad(int index)
        {
            Index = index;
        }

        public int Index { get; }

        public bool Linked { get; private set; }

        public void Link() => Linked = true;

        public void Cleanup() => Linked = false;
    }

    /// <summary>A subdevice of a media device. The device ends its life through <see cref="Release"/>.</summary>
    public abstract class Subdevice
    {
        protected Subdevice(string name)
        {
            Name = name;
        }

        public string Name { get; }

        /// <summary>The release callback: the owning media device calls it when the subdevice is unregistered.</summary>
        protected internal abstract void Release();
    }

    /// <summary>Owns its subdevices between registration and unregistration.</summary>
    public sealed class MediaDevice
    {
        private readonly List<Subdevice> _subdevs = new();

        public int SubdevCount => _subdevs.Count;

        public void RegisterSubdev(Subdevice sd) => _subdevs.Add(sd);

        public void UnregisterSubdev(Subdevice sd)
        {
            _subdevs.Remove(sd);
            sd.Release();
        }
    }

    /// <summary>A subdevice that is also a media entity with pads.</summary>
    public abstract class EntityDevice : Subdevice
    {
        protected EntityDevice(string name, int padCount)
            : base(name)
        {
            var pads = new MediaPad[padCount];
            for (int i = 0; i < pads.Length; i++)
            {
                pads[i] = new MediaPad(i);
            }

            Pads = pads;
        }

        public MediaPad[]? Pads { get; protected set; }
    }

    /// <summary>The sensor entity. Its release callback drops everything the entity owns, like vimc_sen_release's kfree.</summary>
    public sealed class SensorEntity : EntityDevice
    {
        public SensorEntity()
            : base("vimc-sensor", padCount: 1)
        {
        }

        protected internal override void Release() => Pads = null;
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
            MediaPad[]? pads = ved.Pads;
            md.UnregisterSubdev(ved);
            CleanupPads(pads);
        }

        private static void CleanupPads(MediaPad[]? pads)
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
