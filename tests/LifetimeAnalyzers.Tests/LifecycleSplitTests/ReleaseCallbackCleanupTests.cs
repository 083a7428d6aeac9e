using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.CodeFixes;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LifetimeAnalyzers.Tests.LifecycleSplitTests
{
    /// <summary>
    /// The split's "update the disposal sites" step: cleanup that follows a release of the class's objects, anywhere in
    /// the solution, moves into the class's release callback.
    /// </summary>
    public sealed class ReleaseCallbackCleanupTests
    {
        private const string Media = """
            #nullable enable
            using System.Collections.Generic;

            public sealed class MediaPad { }

            public abstract class Subdevice { protected internal abstract void Release(); }

            public sealed class MediaDevice
            {
                private readonly List<Subdevice> _subdevs = new();

                public void UnregisterSubdev(Subdevice sd) { _subdevs.Remove(sd); sd.Release(); }
            }

            public sealed class SensorDevice : Subdevice
            {
                public MediaPad[]? Pads { get; set; }

                public MediaPad[]? Links { get; set; }

                protected internal override void Release()
                {
                    Pads = null;
                    Links = null;
                }
            }

            public sealed class LensDevice : Subdevice
            {
                public MediaPad[]? Pads { get; set; }

                protected internal override void Release() => Pads = null;
            }

            public static class PadCleanup
            {
                public static void Cleanup(MediaPad[]? pads) { }
            }
            """;

        [Fact]
        public async Task Vimc_seed_cleanup_moves_into_the_sensor_entitys_release_callback()
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionOf(workspace, ("Vimc.cs", File.ReadAllText(Repository.PathOf("samples/Drivers.Buggy/Vimc.cs"))));

            var moved = await MoveIntoAsync(solution, "Drivers.Media.SensorEntity");

            var document = moved.Projects.Single().Documents.Single();
            Assert.Equal(
                """
                        protected internal override void Release()
                        {
                            Entities.CleanupPads(Pads);
                            Pads = null;
                        }
                """,
                await MemberTextAsync(document, "SensorEntity", "Release"));
            Assert.Equal(
                """
                        public static void Unregister(MediaDevice md, EntityDevice ved)
                        {
                            md.UnregisterSubdev(ved);
                        }
                """,
                await MemberTextAsync(document, "Entities", "Unregister"));
            Assert.StartsWith("        internal static void CleanupPads(MediaPad[]? pads)", await MemberTextAsync(document, "Entities", "CleanupPads"));

            var compilation = (await moved.Projects.Single().GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new UseAfterReleaseAnalyzer(), new RegistrationBeforeInitAnalyzer(), new ReleaseWhileRegisteredAnalyzer(), new DoubleReleaseAnalyzer());
            Assert.Empty(await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());
        }

        [Fact]
        public async Task Sites_in_two_documents_move_into_one_callback_in_source_order()
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionOf(
                workspace,
                ("Media.cs", Media),
                ("Capture.cs", """
                    public static class Capture
                    {
                        public static void Stop(MediaDevice md, SensorDevice sensor)
                        {
                            md.UnregisterSubdev(sensor);
                            PadCleanup.Cleanup(sensor.Pads);
                        }
                    }
                    """),
                ("Preview.cs", """
                    public static class Preview
                    {
                        public static void Stop(MediaDevice md, SensorDevice sensor, LensDevice lens)
                        {
                            md.UnregisterSubdev(sensor);
                            PadCleanup.Cleanup(pads: sensor.Links);
                            md.UnregisterSubdev(lens);
                            PadCleanup.Cleanup(lens.Pads);
                        }
                    }
                    """));

            var moved = await MoveIntoAsync(solution, "SensorDevice");

            var documents = moved.Projects.Single().Documents.ToDictionary(d => d.Name);
            Assert.Equal(
                """
                    protected internal override void Release()
                    {
                        PadCleanup.Cleanup(Pads);
                        PadCleanup.Cleanup(pads: Links);
                        Pads = null;
                        Links = null;
                    }
                """,
                await MemberTextAsync(documents["Media.cs"], "SensorDevice", "Release"));
            Assert.Equal(
                """
                    public static void Stop(MediaDevice md, SensorDevice sensor)
                    {
                        md.UnregisterSubdev(sensor);
                    }
                """,
                await MemberTextAsync(documents["Capture.cs"], "Capture", "Stop"));
            // The lens is another class: its cleanup is left for the lens's own split.
            Assert.Equal(
                """
                    public static void Stop(MediaDevice md, SensorDevice sensor, LensDevice lens)
                    {
                        md.UnregisterSubdev(sensor);
                        md.UnregisterSubdev(lens);
                        PadCleanup.Cleanup(lens.Pads);
                    }
                """,
                await MemberTextAsync(documents["Preview.cs"], "Preview", "Stop"));
            var compilation = (await moved.Projects.Single().GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        [Fact]
        public async Task Nothing_moves_when_the_cleanup_needs_the_callers_locals()
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionOf(
                workspace,
                ("Media.cs", Media),
                ("Capture.cs", """
                    public static class Capture
                    {
                        public static void Stop(MediaDevice md, SensorDevice sensor)
                        {
                            var spare = new MediaPad[1];
                            md.UnregisterSubdev(sensor);
                            PadCleanup.Cleanup(sensor.Pads ?? spare);
                        }
                    }
                    """));

            var moved = await MoveIntoAsync(solution, "SensorDevice");

            Assert.Same(solution, moved);
        }

        [Fact]
        public async Task Half_typed_code_moves_nothing_and_does_not_throw()
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionOf(
                workspace,
                ("Media.cs", Media),
                ("Capture.cs", """
                    public static class Capture
                    {
                        public static void Stop(MediaDevice md, SensorDevice sensor)
                        {
                            md.UnregisterSubdev(sensor);
                            PadCleanup.Cleanup(sensor.Pads,
                    """));

            var moved = await MoveIntoAsync(solution, "SensorDevice");

            Assert.Same(solution, moved);
        }

        [Fact]
        public async Task Cancellation_stops_the_search()
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionOf(workspace, ("Vimc.cs", File.ReadAllText(Repository.PathOf("samples/Drivers.Buggy/Vimc.cs"))));
            var type = (await solution.Projects.Single().GetCompilationAsync())!.GetTypeByMetadataName("Drivers.Media.SensorEntity")!;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => ReleaseCallbackCleanup.MoveUsesAfterReleaseIntoCallbackAsync(solution, type, new CancellationToken(canceled: true)));
        }

        private static Solution SolutionOf(Workspace workspace, params (string Name, string Text)[] documents)
        {
            var project = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                project,
                VersionStamp.Default,
                "Drivers",
                "Drivers",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: TestReferences.Framework));
            foreach (var (name, text) in documents)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(project), name, SourceText.From(text), filePath: "/Drivers/" + name);
            }

            return solution;
        }

        private static async Task<Solution> MoveIntoAsync(Solution solution, string typeName)
        {
            var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
            var type = compilation.GetTypeByMetadataName(typeName);
            Assert.NotNull(type);
            return await ReleaseCallbackCleanup.MoveUsesAfterReleaseIntoCallbackAsync(solution, type!, CancellationToken.None);
        }

        /// <summary>The member's text from the start of its first line, so its indentation is compared too.</summary>
        private static async Task<string> MemberTextAsync(Document document, string typeName, string methodName)
        {
            var root = (await document.GetSyntaxRootAsync())!;
            var method = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Single(t => t.Identifier.ValueText == typeName)
                .Members.OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == methodName);
            var text = root.GetText();
            var lineStart = text.Lines.GetLineFromPosition(method.SpanStart).Start;
            return text.ToString(TextSpan.FromBounds(lineStart, method.Span.End));
        }
    }
}
