using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.RefactoringVerifier<LifetimeAnalyzers.CodeFixes.LifecycleSplit.LifecycleSplitRefactoring>;

namespace LifetimeAnalyzers.Tests.LifecycleSplitTests
{
    /// <summary>
    /// The split on the three seed ports as the buggy sample has them: each warns before, and after the split the
    /// sample compiles cleanly and no rule reports on it.
    /// </summary>
    public sealed class Seeds
    {
        /// <summary>The sample's <c>// LIFE00N: …</c> markers explain the bug; after the split they would describe code that is gone.</summary>
        private static readonly Regex s_marker = new(@"\s*// LIFE\d{3}\b.*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        [Fact]
        public Task Vimc_sensor_release_callback_becomes_the_destructor_that_cleans_up_its_pads() =>
            VerifySeedAsync(
                "Vimc.cs",
                "SensorEntity",
                """
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
                """,
                "LIFE001",
                ("Entities", """
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
                """));

        [Fact]
        public Task Rockchip_iommu_registers_once_its_dma_device_is_set() =>
            VerifySeedAsync(
                "RkIommu.cs",
                "RkIommu",
                """
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
                """,
                "LIFE002");

        [Fact]
        public Task Rpmsg_tty_closes_its_endpoint_before_unmapping_the_shared_memory() =>
            VerifySeedAsync(
                "RpmsgTty.cs",
                "RpmsgTty",
                """
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
                """,
                "LIFE003");

        private static async Task VerifySeedAsync(string file, string className, string expectedClass, string findingBefore, params (string Name, string Text)[] otherChanges)
        {
            var source = s_marker.Replace(File.ReadAllText(Repository.PathOf("samples/Drivers.Buggy/" + file)), string.Empty);
            var header = $"class {className} ";
            Assert.Contains(header, source);
            var marked = source.Replace(header, $"class [|{className}|] ", System.StringComparison.Ordinal);

            var (solution, documents, target, span) = Verify.Create(marked);
            var before = await Verify.Analyze((await solution.Projects.Single().GetCompilationAsync())!);
            Assert.Equal(new[] { findingBefore }, before.Select(d => d.Id).Distinct());

            var changed = await Verify.ApplyAsync(solution.GetDocument(target)!, span);
            await Verify.AssertCleanAsync(changed.Projects.Single());
            var root = (await changed.GetDocument(documents[0])!.GetSyntaxRootAsync())!;
            foreach (var (name, text) in otherChanges.Prepend((className, expectedClass)))
            {
                var declaration = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.ValueText == name);
                Assert.Equal(text.Replace("\r\n", "\n", System.StringComparison.Ordinal), declaration.ToString().Replace("\r\n", "\n", System.StringComparison.Ordinal));
            }
        }
    }
}
