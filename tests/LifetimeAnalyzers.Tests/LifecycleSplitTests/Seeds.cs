using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.RefactoringVerifier<LifetimeAnalyzers.CodeFixes.LifecycleSplit.LifecycleSplitRefactoring>;

namespace LifetimeAnalyzers.Tests.LifecycleSplitTests
{
    /// <summary>
    /// The split on the three seed ports as the buggy sample has them: each warns before; after the split the sample
    /// compiles cleanly, no rule reports on it, and the split classes are those of the fixed sample.
    /// </summary>
    public sealed class Seeds
    {
        /// <summary>The sample's <c>// LIFE00N: …</c> markers explain the bug; after the split they would describe code that is gone.</summary>
        private static readonly Regex s_marker = new(@"\s*// LIFE\d{3}\b.*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        [Fact]
        public Task Vimc_sensor_release_callback_becomes_the_destructor_that_cleans_up_its_pads() =>
            VerifySeedAsync("Vimc.cs", "SensorEntity", "LIFE001", "Entities");

        [Fact]
        public Task Rockchip_iommu_registers_once_its_dma_device_is_set() =>
            VerifySeedAsync("RkIommu.cs", "RkIommu", "LIFE002");

        [Fact]
        public Task Rpmsg_tty_closes_its_endpoint_before_unmapping_the_shared_memory() =>
            VerifySeedAsync("RpmsgTty.cs", "RpmsgTty", "LIFE003");

        /// <summary>
        /// Splits <paramref name="className"/> in the buggy sample <paramref name="file"/>, which must raise
        /// <paramref name="findingBefore"/>; the result must compile cleanly, raise nothing, and its split class (and the
        /// <paramref name="otherChanges"/>) must read exactly as in the fixed sample's <c>LifecycleSplit.cs</c>.
        /// </summary>
        private static async Task VerifySeedAsync(string file, string className, string findingBefore, params string[] otherChanges)
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
            var split = (await changed.GetDocument(documents[0])!.GetSyntaxRootAsync())!;
            var expected = CSharpSyntaxTree.ParseText(File.ReadAllText(Repository.PathOf("samples/Drivers.Fixed/LifecycleSplit.cs"))).GetRoot();
            foreach (var name in otherChanges.Prepend(className))
            {
                Assert.Equal(Class(expected, name), Class(split, name));
            }
        }

        private static string Class(SyntaxNode root, string name) =>
            Verify.Normalize(root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.ValueText == name).ToString());
    }
}
