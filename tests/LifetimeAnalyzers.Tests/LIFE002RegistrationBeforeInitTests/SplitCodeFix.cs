using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.CodeFixVerifier<LifetimeAnalyzers.RegistrationBeforeInitAnalyzer, LifetimeAnalyzers.CodeFixes.SplitInitAndRegisterFix>;

namespace LifetimeAnalyzers.Tests.LIFE002RegistrationBeforeInitTests
{
    public class SplitCodeFix
    {
        [Fact]
        public Task Iommu_registration_moves_into_a_factory_and_construction_sites_follow() => Verify.VerifyAsync(Diagnostics.Iommu + """
            public sealed class RkIommu : IommuDevice
            {
                private static Device? s_dmaDev;
                public RkIommu(Device dev, Bus bus)
                {
                    {|LIFE002:bus.RegisterIommu(this)|};
                    s_dmaDev ??= dev;
                }
                public override IommuGroup DeviceGroup(Device dev) => new IommuGroup(s_dmaDev!);
            }
            public static class Platform
            {
                public static IommuDevice Probe(Device dev, Bus bus) => new RkIommu(dev, bus);
            }
            """, Diagnostics.Iommu + """
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
            public static class Platform
            {
                public static IommuDevice Probe(Device dev, Bus bus) => RkIommu.Create(dev, bus);
            }
            """);

        [Fact]
        public Task Not_offered_for_a_type_that_can_be_derived_from() => Verify.VerifyNotOfferedAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public class Reader
            {
                private string? _name;
                public Reader(Source source)
                {
                    {|LIFE002:source.Changed += (s, e) => Console.WriteLine(_name!.Length)|};
                    _name = "reader";
                }
            }
            """, nameof(SplitInitAndRegisterFix));

        [Fact]
        public Task Not_offered_when_a_construction_site_uses_an_object_initialiser() => Verify.VerifyNotOfferedAsync("""
            using System;
            public sealed class Source { public event EventHandler? Changed; }
            public sealed class Reader
            {
                private string? _name;
                public int Level { get; set; }
                public Reader(Source source)
                {
                    {|LIFE002:source.Changed += (s, e) => Console.WriteLine(_name!.Length)|};
                    _name = "reader";
                }
                public static Reader Make(Source source) => new Reader(source) { Level = 1 };
            }
            """, nameof(SplitInitAndRegisterFix));
    }
}
