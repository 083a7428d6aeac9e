namespace LifetimeAnalyzers.Tests.LIFE001UseAfterReleaseTests
{
    /// <summary>
    /// The vimc types from the design page: a media device whose UnregisterSubdev invokes the subdevice's release callback.
    /// Tests append the code that unregisters an entity.
    /// </summary>
    internal static class VimcSource
    {
        internal const string Types = """
            #nullable enable
            using System.Collections.Generic;

            namespace Vimc
            {
                public sealed class MediaPad
                {
                    public void Cleanup() { }
                }

                public abstract class Subdevice
                {
                    protected internal abstract void Release();
                }

                public sealed class MediaDevice
                {
                    private readonly List<Subdevice> _subdevs = new List<Subdevice>();

                    public void RegisterSubdev(Subdevice sd) => _subdevs.Add(sd);

                    public void UnregisterSubdev(Subdevice sd)
                    {
                        _subdevs.Remove(sd);
                        sd.Release();
                    }
                }

                public abstract class EntityDevice : Subdevice
                {
                    public MediaPad[]? Pads { get; protected set; }
                }
            }

            """;
    }
}
