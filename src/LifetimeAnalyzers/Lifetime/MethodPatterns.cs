using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// A list of methods named in <c>.editorconfig</c>: <c>Free, MyLib.Native.Release(0), MyLib.Pool.Return(this)</c>.
    /// A simple name matches any method of that name; a dotted name matches the containing type's full name too.
    /// The index in parentheses names the argument the method acts on; without it an instance method acts on its
    /// receiver and a static method on its first argument.
    /// </summary>
    internal sealed class MethodPatterns
    {
        /// <summary>The receiver of an instance call, in place of a parameter index.</summary>
        public const int Receiver = -1;

        public static MethodPatterns Empty { get; } = new MethodPatterns(ImmutableArray<Entry>.Empty);

        private readonly ImmutableArray<Entry> _entries;

        private MethodPatterns(ImmutableArray<Entry> entries) => _entries = entries;

        public static MethodPatterns Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Empty;
            }

            var entries = ImmutableArray.CreateBuilder<Entry>();
            foreach (var raw in value!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Entry.TryParse(raw.Trim()) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            return new MethodPatterns(entries.ToImmutable());
        }

        /// <summary>Whether <paramref name="name"/> is the name of a method some entry matches.</summary>
        public bool Names(string name)
        {
            foreach (var entry in _entries)
            {
                if (entry.MethodName == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The argument <paramref name="method"/> acts on (<see cref="Receiver"/> for its receiver), or null when no entry names it.</summary>
        public int? Match(IMethodSymbol method)
        {
            foreach (var entry in _entries)
            {
                if (entry.Matches(method))
                {
                    return entry.Index ?? (method.IsStatic || method.IsExtensionMethod ? 0 : Receiver);
                }
            }

            return null;
        }

        private sealed class Entry
        {
            private Entry(string? typeName, string methodName, int? index)
            {
                TypeName = typeName;
                MethodName = methodName;
                Index = index;
            }

            public string? TypeName { get; }

            public string MethodName { get; }

            public int? Index { get; }

            public static Entry? TryParse(string text)
            {
                int? index = null;
                var open = text.IndexOf('(');
                if (open >= 0)
                {
                    var close = text.IndexOf(')', open);
                    if (close < 0)
                    {
                        return null;
                    }

                    var argument = text.Substring(open + 1, close - open - 1).Trim();
                    if (argument == "this")
                    {
                        index = Receiver;
                    }
                    else if (int.TryParse(argument, out var parsed) && parsed >= 0)
                    {
                        index = parsed;
                    }
                    else
                    {
                        return null;
                    }

                    text = text.Substring(0, open).Trim();
                }

                var dot = text.LastIndexOf('.');
                var methodName = dot < 0 ? text : text.Substring(dot + 1);
                if (methodName.Length == 0)
                {
                    return null;
                }

                return new Entry(dot < 0 ? null : text.Substring(0, dot), methodName, index);
            }

            public bool Matches(IMethodSymbol method)
            {
                if (method.Name != MethodName)
                {
                    return false;
                }

                return TypeName is null || FullName(method.ContainingType) == TypeName;
            }

            private static string FullName(INamedTypeSymbol? type)
            {
                if (type is null)
                {
                    return string.Empty;
                }

                var prefix = type.ContainingType is { } outer
                    ? FullName(outer)
                    : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
                return prefix is null ? type.Name : prefix + "." + type.Name;
            }
        }
    }
}
