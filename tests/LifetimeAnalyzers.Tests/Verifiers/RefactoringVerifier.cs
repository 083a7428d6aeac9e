using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LifetimeAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Applies a code refactoring at the <c>[|…|]</c> span of one source and checks the result: the expected text in every
    /// document, no compiler error or warning, and not one diagnostic from the package's analyzers.
    /// </summary>
    public static class RefactoringVerifier<TRefactoring>
        where TRefactoring : CodeRefactoringProvider, new()
    {
        /// <summary>
        /// <paramref name="sources"/> and <paramref name="expected"/> pair up by position; one source carries the span.
        /// <paramref name="findingsBefore"/> are the rules that report on the sources before the refactoring, in order of id.
        /// </summary>
        public static async Task VerifyAsync(string[] sources, string[] expected, params string[] findingsBefore)
        {
            Assert.Equal(sources.Length, expected.Length);
            var (solution, documents, target, span) = Create(sources);
            var before = await Analyze((await solution.Projects.Single().GetCompilationAsync())!);
            Assert.Equal(findingsBefore, before.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            var changed = await ApplyAsync(solution.GetDocument(target)!, span);

            for (var i = 0; i < documents.Length; i++)
            {
                var text = (await changed.GetDocument(documents[i])!.GetTextAsync()).ToString();
                Assert.Equal(Normalize(expected[i]), Normalize(text));
            }

            await AssertCleanAsync(changed.GetProject(solution.ProjectIds[0])!);
        }

        public static Task VerifyAsync(string source, string expected, params string[] findingsBefore) => VerifyAsync(new[] { source }, new[] { expected }, findingsBefore);

        /// <summary>Checks that the refactoring is not offered at the span.</summary>
        public static async Task VerifyNotOfferedAsync(params string[] sources)
        {
            var (solution, _, target, span) = Create(sources);
            Assert.Empty(await ActionsAsync(solution.GetDocument(target)!, span));
        }

        /// <summary>The solution after the one action offered at the span.</summary>
        public static async Task<Solution> ApplyAsync(Document document, TextSpan span)
        {
            var action = Assert.Single(await ActionsAsync(document, span));
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        }

        /// <summary>A one-project solution of the sources, with markup removed, and the document and span the markup named.</summary>
        public static (Solution Solution, DocumentId[] Documents, DocumentId Target, TextSpan Span) Create(params string[] sources)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.CurrentSolution
                .AddProject("Drivers", "Drivers", LanguageNames.CSharp)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
                .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
                .AddMetadataReferences(TestReferences.Framework);
            var documents = new List<DocumentId>();
            DocumentId? target = null;
            var span = default(TextSpan);
            for (var i = 0; i < sources.Length; i++)
            {
                var text = sources[i];
                if (text.Contains("[|", StringComparison.Ordinal))
                {
                    TestFileMarkupParser.GetSpan(text, out text, out span);
                }

                var document = project.AddDocument($"File{i}.cs", SourceText.From(text));
                target = sources[i].Contains("[|", StringComparison.Ordinal) ? document.Id : target;
                documents.Add(document.Id);
                project = document.Project;
            }

            Assert.True(target is not null, "One source must mark the span with [|…|].");
            return (project.Solution, documents.ToArray(), target!, span);
        }

        /// <summary>The project compiles without errors or warnings and the package's analyzers report nothing on it.</summary>
        public static async Task AssertCleanAsync(Project project)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var compilerProblems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(compilerProblems.Count == 0, "The refactored code does not compile cleanly:\n" + string.Join("\n", compilerProblems));

            var diagnostics = await Analyze(compilation);
            Assert.True(diagnostics.IsEmpty, "The refactored code still has findings:\n" + string.Join("\n", diagnostics));
        }

        /// <summary>What the package's analyzers, every one of them, report on a compilation (AD0001 included).</summary>
        public static Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation) => AnalyzerRun.FindingsAsync(compilation, PackageContents.Analyzers());

        private static async Task<List<CodeAction>> ActionsAsync(Document document, TextSpan span)
        {
            var actions = new List<CodeAction>();
            var context = new CodeRefactoringContext(document, span, actions.Add, CancellationToken.None);
            await new TRefactoring().ComputeRefactoringsAsync(context);
            return actions;
        }

        /// <summary>The text with Windows line ends made Unix ones, so a comparison does not depend on how the sources were checked out.</summary>
        public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
