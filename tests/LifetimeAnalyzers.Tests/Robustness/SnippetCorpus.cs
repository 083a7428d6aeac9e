using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// C# the project already holds: a sample file, a whole sample project, or a source a test feeds to the
    /// analyzers. It is compiled as one project of one or more files.
    /// </summary>
    internal sealed class Snippet
    {
        public const string SingleFileName = "Snippet.cs";

        public Snippet(string origin, string text)
            : this(origin, ImmutableArray.Create((SingleFileName, text)))
        {
        }

        public Snippet(string origin, ImmutableArray<(string Name, string Text)> files)
        {
            Origin = origin;
            Files = files;
        }

        /// <summary>Where it comes from, relative to the repository root: <c>path:line</c>, a file, or a project folder.</summary>
        public string Origin { get; }

        public ImmutableArray<(string Name, string Text)> Files { get; }

        /// <summary>All its text, which identifies it.</summary>
        public string Text => Files.Length == 1 ? Files[0].Text : string.Concat(Files.Select(f => f.Name + "\n" + f.Text));

        public override string ToString() => Origin;
    }

    /// <summary>
    /// Every C# snippet in the samples and the tests, read from the repository when the tests run, so that
    /// the snippets of rules added later join the corpus without an edit here.
    /// </summary>
    internal static class SnippetCorpus
    {
        private const string SamplesFolder = "samples";
        private const string TestsFolder = "tests/LifetimeAnalyzers.Tests";
        private const string OwnFolder = "Robustness";

        // Test markup, which the testing library strips before compiling: {|LIFE001:x|}, {|#0:x|}, {|CS0103:x|}, [|x|].
        private static readonly Regex s_markupOpen = new(@"\{\|[^:|{}\r\n]*:", RegexOptions.CultureInvariant);
        private static readonly Regex s_looksLikeCSharp = new(@"\b(class|struct|record|interface|enum|namespace|using|void|var)\b", RegexOptions.CultureInvariant);

        private static readonly Lazy<ImmutableArray<Snippet>> s_all = new(Load);

        /// <summary>Sample projects, sample files, then test sources, each in a stable order; identical texts once.</summary>
        public static ImmutableArray<Snippet> All => s_all.Value;

        /// <summary>The text the testing library would compile for a markup source.</summary>
        public static string StripMarkup(string text) =>
            s_markupOpen.Replace(text, string.Empty)
                .Replace("|}", string.Empty)
                .Replace("[|", string.Empty)
                .Replace("|]", string.Empty);

        private static ImmutableArray<Snippet> Load()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var snippets = ImmutableArray.CreateBuilder<Snippet>();
            foreach (var snippet in SampleProjects().Concat(Samples()).Concat(TestSources()))
            {
                if (seen.Add(snippet.Text))
                {
                    snippets.Add(snippet);
                }
            }

            return snippets.ToImmutable();
        }

        /// <summary>Each folder under <c>samples</c> with a project file, all its C# files together, as an IDE holds them while one is edited.</summary>
        private static IEnumerable<Snippet> SampleProjects()
        {
            var root = Repository.PathOf(SamplesFolder);
            if (!Directory.Exists(root))
            {
                yield break;
            }

            foreach (var project in Directory.EnumerateDirectories(root).OrderBy(path => path, StringComparer.Ordinal))
            {
                if (!Directory.EnumerateFiles(project, "*.csproj").Any())
                {
                    continue;
                }

                var files = SourceFiles(Repository.Relative(project), excluded: null)
                    .Select(path => (Path.GetRelativePath(project, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)))
                    .ToImmutableArray();
                if (files.Length > 1)
                {
                    yield return new Snippet(Repository.Relative(project) + "/", files);
                }
            }
        }

        private static IEnumerable<Snippet> Samples() =>
            SourceFiles(SamplesFolder, excluded: null)
                .Select(path => new Snippet(Repository.Relative(path), File.ReadAllText(path)));

        /// <summary>
        /// The raw and verbatim string literals of the test files that hold C#. A literal that is part of a
        /// constant concatenation (<c>VimcSource.Types + """…"""</c>) is taken whole, as the test compiles it.
        /// </summary>
        private static IEnumerable<Snippet> TestSources()
        {
            var files = SourceFiles(TestsFolder, excluded: OwnFolder);
            var trees = files
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
                .ToList();
            // Only to evaluate constants across files; the test files' own references do not matter for that.
            var compilation = CSharpCompilation.Create("TestSources", trees, TestReferences.Framework);
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                var taken = new HashSet<SyntaxNode>();
                foreach (var literal in tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (!IsRawOrVerbatim(literal.Token))
                    {
                        continue;
                    }

                    ExpressionSyntax whole = OutermostConcatenation(literal);
                    if (model.GetConstantValue(whole).Value is not string value)
                    {
                        (whole, value) = (literal, literal.Token.ValueText);
                    }

                    if (!taken.Add(whole))
                    {
                        continue;
                    }

                    var text = StripMarkup(value);
                    if (LooksLikeCSharp(text))
                    {
                        var line = literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        yield return new Snippet($"{Repository.Relative(tree.FilePath)}:{line}", text);
                    }
                }
            }
        }

        private static bool IsRawOrVerbatim(SyntaxToken token) =>
            token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
            || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
            || (token.IsKind(SyntaxKind.StringLiteralToken) && token.Text.StartsWith("@", StringComparison.Ordinal));

        private static ExpressionSyntax OutermostConcatenation(ExpressionSyntax expression)
        {
            var current = expression;
            while (current.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or ParenthesizedExpressionSyntax)
            {
                current = (ExpressionSyntax)current.Parent;
            }

            return current;
        }

        private static bool LooksLikeCSharp(string text) =>
            text.Length >= 20 && (text.Contains('{') || text.Contains(';')) && s_looksLikeCSharp.IsMatch(text);

        private static IEnumerable<string> SourceFiles(string folder, string? excluded)
        {
            var root = Repository.PathOf(folder);
            if (!Directory.Exists(root))
            {
                return Enumerable.Empty<string>();
            }

            return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsSkipped(root, path, excluded))
                .OrderBy(path => Repository.Relative(path), StringComparer.Ordinal);
        }

        private static bool IsSkipped(string root, string path, string? excluded)
        {
            var parts = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts.Any(part => part is "bin" or "obj" or "TestResults") || (excluded != null && parts[0] == excluded);
        }
    }
}
