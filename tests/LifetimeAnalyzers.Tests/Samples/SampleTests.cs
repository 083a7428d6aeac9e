using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LifetimeAnalyzers.Tests.Samples
{
    /// <summary>
    /// Compiles the sample projects in-process and runs every analyzer of the package over them:
    /// the buggy showcase warns exactly on its annotated lines, the fixed twin stays silent, nothing throws.
    /// </summary>
    public sealed class SampleTests
    {
        private const string Buggy = "samples/Drivers.Buggy";
        private const string Fixed = "samples/Drivers.Fixed";

        /// <summary>A trailing <c>// LIFE00N</c> comment after code marks the line where that rule must report.</summary>
        private static readonly Regex s_marker = new(@"^\s*\S.*?//\s*(?<id>LIFE\d{3})\b", RegexOptions.CultureInvariant);

        [Theory]
        [InlineData(Buggy)]
        [InlineData(Fixed)]
        public async Task Sample_compiles_without_errors_or_warnings(string project)
        {
            var run = await SampleRun.AnalyzeAsync(project);

            var problems = run.Compilation.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .Select(Describe)
                .ToList();
            Assert.True(problems.Count == 0, $"{project} does not compile cleanly:\n" + string.Join("\n", problems));
        }

        [Theory]
        [InlineData(Buggy)]
        [InlineData(Fixed)]
        public async Task No_analyzer_throws_on_the_sample(string project)
        {
            var run = await SampleRun.AnalyzeAsync(project);

            var failures = run.Exceptions
                .Concat(run.AllDiagnostics.Where(d => d.Id == "AD0001").Select(Describe))
                .ToList();
            Assert.True(failures.Count == 0, $"Analyzers threw on {project}:\n" + string.Join("\n", failures));
        }

        [Fact]
        public async Task Buggy_sample_warns_exactly_on_the_marked_lines()
        {
            var run = await SampleRun.AnalyzeAsync(Buggy);

            var expected = run.Sources
                .SelectMany(source => source.Text.Lines.Select(line => (source.Path, Line: line.LineNumber + 1, Match: s_marker.Match(line.ToString()))))
                .Where(line => line.Match.Success)
                .Select(line => Format(line.Path, line.Line, line.Match.Groups["id"].Value))
                .ToImmutableSortedSet(StringComparer.Ordinal);
            var actual = run.AnalyzerDiagnostics
                .Select(d => Format(d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
                .ToImmutableSortedSet(StringComparer.Ordinal);

            Assert.NotEmpty(expected);
            var missing = expected.Except(actual);
            var unexpected = actual.Except(expected);
            Assert.True(
                missing.Count == 0 && unexpected.Count == 0,
                "The buggy sample's diagnostics differ from its // LIFE00N markers.\n" +
                "Marked but not reported:\n  " + string.Join("\n  ", missing) + "\n" +
                "Reported but not marked:\n  " + string.Join("\n  ", unexpected));
        }

        [Fact]
        public async Task Fixed_sample_has_no_diagnostics()
        {
            var run = await SampleRun.AnalyzeAsync(Fixed);

            Assert.True(
                run.AnalyzerDiagnostics.IsEmpty,
                "The fixed sample must not warn:\n" + string.Join("\n", run.AnalyzerDiagnostics.Select(Describe)));
        }

        [Fact]
        public void Samples_carry_no_markers_for_rules_that_do_not_exist()
        {
            var ids = PackageContents.SupportedDescriptors().Select(d => d.Id).ToImmutableHashSet();
            var unknown = SampleRun.SourceFiles(Buggy)
                .SelectMany(path => File.ReadLines(path).Select((text, index) => (path, line: index + 1, match: s_marker.Match(text))))
                .Where(line => line.match.Success && !ids.Contains(line.match.Groups["id"].Value))
                .Select(line => Format(line.path, line.line, line.match.Groups["id"].Value))
                .ToList();

            Assert.True(unknown.Count == 0, "Markers for rules no analyzer reports:\n" + string.Join("\n", unknown));
        }

        private static string Format(string path, int line, string id) => $"{Repository.Relative(path)}:{line}: {id}";

        private static string Describe(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            var where = span.Path.Length == 0 ? "(no location)" : $"{Repository.Relative(span.Path)}:{span.StartLinePosition.Line + 1}";
            return $"{where}: {diagnostic.Id}: {diagnostic.GetMessage()}";
        }

        /// <summary>One sample project compiled and analyzed.</summary>
        internal sealed class SampleRun
        {
            private SampleRun(
                ImmutableArray<(string Path, SourceText Text)> sources,
                Compilation compilation,
                ImmutableArray<Diagnostic> analyzerDiagnostics,
                ImmutableArray<Diagnostic> allDiagnostics,
                ImmutableArray<string> exceptions)
            {
                Sources = sources;
                Compilation = compilation;
                AnalyzerDiagnostics = analyzerDiagnostics;
                AllDiagnostics = allDiagnostics;
                Exceptions = exceptions;
            }

            public ImmutableArray<(string Path, SourceText Text)> Sources { get; }

            public Compilation Compilation { get; }

            /// <summary>What the package's analyzers reported.</summary>
            public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }

            /// <summary>Compiler and analyzer diagnostics together, AD0001 included.</summary>
            public ImmutableArray<Diagnostic> AllDiagnostics { get; }

            /// <summary>Exceptions the analyzer driver caught, as text.</summary>
            public ImmutableArray<string> Exceptions { get; }

            /// <summary>The methods of every type the project declares, for tests that check an engine part against each.</summary>
            public IEnumerable<IMethodSymbol> SourceMethods =>
                Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().SelectMany(type => type.GetMembers().OfType<IMethodSymbol>());

            /// <summary>The project's own C# files, without the build's generated ones.</summary>
            public static ImmutableArray<string> SourceFiles(string project)
            {
                var directory = Repository.PathOf(project);
                Assert.True(Directory.Exists(directory), $"{project} is missing.");
                return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                    .Where(path => !IsBuildOutput(directory, path))
                    .OrderBy(path => path, StringComparer.Ordinal)
                    .ToImmutableArray();
            }

            public static async Task<SampleRun> AnalyzeAsync(string project)
            {
                var sources = SourceFiles(project)
                    .Select(path => (Path: path, Text: SourceText.From(File.ReadAllText(path), System.Text.Encoding.UTF8)))
                    .ToImmutableArray();
                Assert.NotEmpty(sources);

                var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
                var compilation = CSharpCompilation.Create(
                    Path.GetFileName(project),
                    sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Path)),
                    TestReferences.Framework,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

                var exceptions = new ConcurrentQueue<string>();
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var analyzers = PackageContents.Analyzers();
                Assert.NotEmpty(analyzers);
                var withAnalyzers = compilation.WithAnalyzers(analyzers, options);

                var analyzerDiagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                var allDiagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
                return new SampleRun(
                    sources,
                    compilation,
                    analyzerDiagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(),
                    allDiagnostics,
                    exceptions.ToImmutableArray());
            }

            private static bool IsBuildOutput(string projectDirectory, string path)
            {
                var first = Path.GetRelativePath(projectDirectory, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
                return first is "bin" or "obj";
            }
        }
    }
}
