using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>A snippet with one file broken on purpose, and the mutations that broke it (enough to recognise it in a report).</summary>
    internal sealed class Mutant
    {
        public Mutant(ImmutableArray<(string Name, string Text)> files, int mutatedFile, string description)
        {
            Files = files;
            MutatedFile = mutatedFile;
            Description = description;
        }

        public ImmutableArray<(string Name, string Text)> Files { get; }

        /// <summary>The index of the file that was broken.</summary>
        public int MutatedFile { get; }

        /// <summary>The text of the broken file.</summary>
        public string Text => Files[MutatedFile].Text;

        public string Description { get; }

        /// <summary>The snippet itself, unbroken.</summary>
        public static Mutant Original(Snippet snippet) => new(snippet.Files, 0, "original");
    }

    /// <summary>
    /// Breaks C# the ways half-typed code is broken: cut off, tokens missing or doubled, braces unbalanced, names
    /// that do not resolve, statements out of order, stray characters. Every choice comes from the given
    /// <see cref="Random"/>, so a seed reproduces a run exactly.
    /// </summary>
    internal static class Mutator
    {
        private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

        private static readonly string[] s_stray =
        {
            "{", "}", "(", ")", "[", "]", ";", ",", ".", "?", "?.", "!", ":", "::", "=", "==", "=>", "<", ">", "<<", "+", "-", "*",
            "&", "|", "^", "~", "@", "$", "#", "\"", "'", "\"\"\"", "/*", "//", "*/", "\\", "\n", "\r", "\t", " ", "\0", "\u2028",
            "\uFEFF", "\uD800", "\u00E9", "_", "0", "9", "x", "Z", "using", "await", "ref", "out", "in", "this", "base", "null",
            "default", "new", "var", "yield", "return", "static", "async", "goto", "case", "#if X", "#region", "#endregion",
            "#nullable", "nameof(", "typeof(", "stackalloc", "=> throw", "?? ", "??=", "is null", "with {", "..", "^1",
        };

        private enum Kind
        {
            Truncate,
            DeleteTokens,
            DuplicateTokens,
            UnbalanceBraces,
            RenameIdentifier,
            ShuffleStatements,
            InsertCharacters,
        }

        /// <summary>One mutant of <paramref name="snippet"/>: one of its files broken by one mutation, sometimes two or three stacked.</summary>
        public static Mutant Mutate(Snippet snippet, Random random)
        {
            var index = snippet.Files.Length == 1 ? 0 : random.Next(snippet.Files.Length);
            var (name, text) = snippet.Files[index];
            var applied = new List<string>();
            var count = random.Next(10) < 7 ? 1 : random.Next(2, 4);
            for (var i = 0; i < count; i++)
            {
                var kind = (Kind)random.Next(Enum.GetValues(typeof(Kind)).Length);
                var (mutated, what) = Apply(kind, text, random);
                text = mutated;
                applied.Add(what);
            }

            var description = string.Join("; ", applied);
            return new Mutant(snippet.Files.SetItem(index, (name, text)), index, snippet.Files.Length == 1 ? description : $"{name}: {description}");
        }

        /// <summary>A 32-bit FNV-1a hash: stable across processes and runtimes, unlike <see cref="string.GetHashCode()"/>.</summary>
        public static int StableHash(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash;
            }
        }

        private static (string Text, string Description) Apply(Kind kind, string text, Random random)
        {
            var root = CSharpSyntaxTree.ParseText(text, s_parseOptions).GetRoot();
            var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToImmutableArray();
            if (tokens.IsEmpty && kind != Kind.InsertCharacters)
            {
                kind = Kind.InsertCharacters;
            }

            switch (kind)
            {
                case Kind.Truncate:
                {
                    var at = random.Next(text.Length + 1);
                    return (text.Substring(0, at), $"truncate at {at}");
                }

                case Kind.DeleteTokens:
                {
                    var first = random.Next(tokens.Length);
                    var length = Math.Min(tokens.Length - first, random.Next(10) < 8 ? 1 : random.Next(2, 6));
                    var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(tokens[first].SpanStart, tokens[first + length - 1].Span.End);
                    return (Replace(text, span.Start, span.Length, string.Empty), $"delete '{Excerpt(text, span.Start, span.Length)}' at {span.Start}");
                }

                case Kind.DuplicateTokens:
                {
                    var first = random.Next(tokens.Length);
                    var length = Math.Min(tokens.Length - first, random.Next(10) < 7 ? 1 : random.Next(2, 8));
                    var start = tokens[first].SpanStart;
                    var end = tokens[first + length - 1].Span.End;
                    var copy = text.Substring(start, end - start);
                    return (Replace(text, end, 0, " " + copy), $"duplicate '{Excerpt(text, start, end - start)}' at {start}");
                }

                case Kind.UnbalanceBraces:
                    return UnbalanceBraces(text, tokens, random);

                case Kind.RenameIdentifier:
                    return RenameIdentifier(text, tokens, random);

                case Kind.ShuffleStatements:
                    return ShuffleStatements(text, root, random) ?? Apply(Kind.DeleteTokens, text, random);

                default:
                {
                    var insertions = random.Next(1, 5);
                    var description = new StringBuilder("insert");
                    for (var i = 0; i < insertions; i++)
                    {
                        var at = random.Next(text.Length + 1);
                        var stray = random.Next(4) == 0 ? ((char)random.Next(0x20, 0x7F)).ToString() : s_stray[random.Next(s_stray.Length)];
                        text = Replace(text, at, 0, stray);
                        description.Append($" '{Escape(stray)}' at {at}");
                    }

                    return (text, description.ToString());
                }
            }
        }

        private static (string, string) UnbalanceBraces(string text, ImmutableArray<SyntaxToken> tokens, Random random)
        {
            var braces = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)).ToImmutableArray();
            if (random.Next(2) == 0 && !braces.IsEmpty)
            {
                var brace = braces[random.Next(braces.Length)];
                return (Replace(text, brace.SpanStart, brace.Span.Length, string.Empty), $"drop '{brace.Text}' at {brace.SpanStart}");
            }

            var at = tokens[random.Next(tokens.Length)].SpanStart;
            var inserted = random.Next(2) == 0 ? "{" : "}";
            return (Replace(text, at, 0, inserted + " "), $"add '{inserted}' at {at}");
        }

        private static (string, string) RenameIdentifier(string text, ImmutableArray<SyntaxToken> tokens, Random random)
        {
            var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToImmutableArray();
            if (identifiers.IsEmpty)
            {
                return (text, "rename nothing");
            }

            var chosen = identifiers[random.Next(identifiers.Length)];
            var name = "Unresolved" + random.Next(1000);
            var everywhere = random.Next(2) == 0;
            var renamed = everywhere ? identifiers.Where(t => t.ValueText == chosen.ValueText).ToList() : new List<SyntaxToken> { chosen };
            var builder = new StringBuilder(text);
            foreach (var token in renamed.OrderByDescending(t => t.SpanStart))
            {
                builder.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, name);
            }

            return (builder.ToString(), everywhere ? $"rename every '{chosen.ValueText}' to {name}" : $"rename '{chosen.ValueText}' at {chosen.SpanStart} to {name}");
        }

        private static (string, string)? ShuffleStatements(string text, SyntaxNode root, Random random)
        {
            var lists = root.DescendantNodes()
                .Select(node => node switch
                {
                    BlockSyntax block => block.Statements,
                    SwitchSectionSyntax section => section.Statements,
                    _ => default(SyntaxList<StatementSyntax>?),
                })
                .Where(list => list is { Count: >= 2 })
                .Select(list => list!.Value)
                .ToList();
            if (lists.Count == 0)
            {
                return null;
            }

            var statements = lists[random.Next(lists.Count)];
            var order = Enumerable.Range(0, statements.Count).ToArray();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            if (order.Select((value, index) => value == index).All(same => same))
            {
                (order[0], order[1]) = (order[1], order[0]);
            }

            var start = statements[0].FullSpan.Start;
            var end = statements[statements.Count - 1].FullSpan.End;
            var shuffled = string.Concat(order.Select(index => statements[index].ToFullString()));
            return (Replace(text, start, end - start, shuffled), $"shuffle {statements.Count} statements at {start} to [{string.Join(",", order)}]");
        }

        private static string Replace(string text, int start, int length, string replacement) =>
            text.Substring(0, start) + replacement + text.Substring(start + length);

        private static string Excerpt(string text, int start, int length) =>
            Escape(length <= 40 ? text.Substring(start, length) : text.Substring(start, 37) + "...");

        private static string Escape(string text)
        {
            var builder = new StringBuilder();
            foreach (var c in text)
            {
                builder.Append(c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString());
            }

            return builder.ToString();
        }
    }
}
