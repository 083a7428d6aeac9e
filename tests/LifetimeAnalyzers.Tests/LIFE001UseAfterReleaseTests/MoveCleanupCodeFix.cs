using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer, LifetimeAnalyzers.CodeFixes.MoveCleanupIntoReleaseCallbackFix>;

namespace LifetimeAnalyzers.Tests.LIFE001UseAfterReleaseTests
{
    public class MoveCleanupCodeFix
    {
        private const string Media = @"
using System;
using System.Collections.Generic;
public sealed class MediaPad { }
public abstract class Subdevice { protected internal abstract void Release(); }
public sealed class MediaDevice
{
    private readonly List<Subdevice> _subdevs = new();
    public void UnregisterSubdev(Subdevice sd) { _subdevs.Remove(sd); sd.Release(); }
}
";

        [Fact]
        public Task Cleanup_of_pads_moves_into_the_release_callback() => Verify.VerifyAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Console.WriteLine(""released"");
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
    }
}", Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Console.WriteLine(""released"");
        Entities.CleanupPads(Pads);
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
    }
}");

        [Fact]
        public Task FixAll_moves_each_cleanup_into_its_own_callback() => Verify.VerifyAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
    }
}
public sealed class LensDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor, LensDevice lens)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
        md.UnregisterSubdev(lens);
        CleanupPads({|LIFE001:lens|}.Pads);
    }
}", Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Entities.CleanupPads(Pads);
    }
}
public sealed class LensDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Entities.CleanupPads(Pads);
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor, LensDevice lens)
    {
        md.UnregisterSubdev(sensor);
        md.UnregisterSubdev(lens);
    }
}");

        [Fact]
        public Task Not_offered_when_the_type_has_no_release_callback_body() => Verify.VerifyNotOfferedAsync(Media + @"
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        md.UnregisterSubdev(ved);
        CleanupPads({|LIFE001:ved|}.Pads);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_the_cleanup_needs_another_local() => Verify.VerifyNotOfferedAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads, int count) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor, int count)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads, count);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_the_cleanup_is_private_to_the_caller() => Verify.VerifyNotOfferedAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
static class Entities
{
    private static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_a_derived_type_overrides_the_callback_again() => Verify.VerifyNotOfferedAsync(Media + @"
public class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
public sealed class FastSensor : SensorDevice
{
    protected internal override void Release() { }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));
    }
}
