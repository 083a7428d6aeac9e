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
        Entities.CleanupPads(Pads);
        Console.WriteLine(""released"");
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
        public Task Not_offered_when_the_cleanup_needs_another_parameter() => Verify.VerifyNotOfferedAsync(Media + @"
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
        public Task Cleanup_runs_before_the_callbacks_own_statements() => Verify.VerifyAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Pads = null;
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        // unlink the pads
        CleanupPads({|LIFE001:sensor|}.Pads); // too late: Release() dropped them
    }
}", Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        // unlink the pads
        Entities.CleanupPads(Pads);
        Pads = null;
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
        public Task Expression_bodied_callback_becomes_a_block_with_the_cleanup_first() => Verify.VerifyAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() => Pads = null;
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
        Entities.CleanupPads(Pads);
        Pads = null;
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
        public Task Private_cleanup_helper_of_the_caller_becomes_internal() => Verify.VerifyAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
static class Entities
{
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
    }

    private static void CleanupPads(MediaPad[]? pads) { }
}", Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release()
    {
        Entities.CleanupPads(Pads);
    }
}
static class Entities
{
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
    }

    internal static void CleanupPads(MediaPad[]? pads) { }
}");

        [Fact]
        public Task Cleanup_moves_into_the_only_class_deriving_from_the_variables_type() => Verify.VerifyAsync(Media + @"
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
public sealed class SensorEntity : EntityDevice
{
    protected internal override void Release() => Pads = null;
}
static class Entities
{
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        md.UnregisterSubdev(ved);
        CleanupPads({|LIFE001:ved|}.Pads);
    }

    static void CleanupPads(MediaPad[]? pads) { }
}", Media + @"
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
public sealed class SensorEntity : EntityDevice
{
    protected internal override void Release()
    {
        Entities.CleanupPads(Pads);
        Pads = null;
    }
}
static class Entities
{
    public static void Unregister(MediaDevice md, EntityDevice ved)
    {
        md.UnregisterSubdev(ved);
    }

    internal static void CleanupPads(MediaPad[]? pads) { }
}");

        [Fact]
        public Task FixAll_keeps_the_order_of_two_cleanups_moved_into_one_callback() => Verify.VerifyAsync(
            Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    public MediaPad[]? Links { get; set; }
    protected internal override void Release()
    {
        Pads = null;
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads);
        CleanupPads({|LIFE001:sensor|}.Links);
    }
}",
            Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    public MediaPad[]? Links { get; set; }
    protected internal override void Release()
    {
        Entities.CleanupPads(Links);
        Entities.CleanupPads(Pads);
        Pads = null;
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
    }
}",
            Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    public MediaPad[]? Links { get; set; }
    protected internal override void Release()
    {
        Entities.CleanupPads(Pads);
        Entities.CleanupPads(Links);
        Pads = null;
    }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
    }
}",
            nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_two_concrete_classes_derive_from_the_variables_type() => Verify.VerifyNotOfferedAsync(Media + @"
public abstract class EntityDevice : Subdevice { public MediaPad[]? Pads { get; protected set; } }
public sealed class SensorEntity : EntityDevice
{
    protected internal override void Release() => Pads = null;
}
public sealed class ScalerEntity : EntityDevice
{
    protected internal override void Release() => Pads = null;
}
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
        public Task Not_offered_when_the_cleanup_uses_another_local() => Verify.VerifyNotOfferedAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads, List<string> log) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        var log = new List<string>();
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads, log);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_the_cleanup_reads_a_private_field_of_the_caller() => Verify.VerifyNotOfferedAsync(Media + @"
public sealed class SensorDevice : Subdevice
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
}
static class Entities
{
    private static readonly List<string> s_log = new();
    internal static void CleanupPads(MediaPad[]? pads, List<string> log) { }
    public static void Unregister(MediaDevice md, SensorDevice sensor)
    {
        md.UnregisterSubdev(sensor);
        CleanupPads({|LIFE001:sensor|}.Pads, s_log);
    }
}", nameof(MoveCleanupIntoReleaseCallbackFix));

        [Fact]
        public Task Not_offered_when_the_object_was_released_some_other_way() => Verify.VerifyNotOfferedAsync(Media + @"
public sealed class SensorDevice : Subdevice, IDisposable
{
    public MediaPad[]? Pads { get; set; }
    protected internal override void Release() { }
    public void Dispose() { }
}
static class Entities
{
    internal static void CleanupPads(MediaPad[]? pads) { }
    public static void Close(SensorDevice sensor)
    {
        sensor.Dispose();
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
