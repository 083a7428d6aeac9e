using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// A place that holds an object: a local, a parameter, a static field, or <c>this</c>, followed by up to
    /// <see cref="MaxMembers"/> field or property names (<c>ved.Pads</c>, <c>this._port</c>).
    /// </summary>
    internal sealed class AccessPath : IEquatable<AccessPath>
    {
        /// <summary>Longer chains are not tracked: their identity is too uncertain to warn about.</summary>
        public const int MaxMembers = 3;

        private readonly int _hash;

        private AccessPath(ISymbol? root, ImmutableArray<ISymbol> members)
        {
            Root = root;
            Members = members;
            var hash = root is null ? 17 : SymbolEqualityComparer.Default.GetHashCode(root);
            foreach (var member in members)
            {
                hash = unchecked((hash * 31) + SymbolEqualityComparer.Default.GetHashCode(member));
            }

            _hash = hash;
        }

        /// <summary>The local, parameter or static field the path starts at; null when it starts at <c>this</c>.</summary>
        public ISymbol? Root { get; }

        public ImmutableArray<ISymbol> Members { get; }

        public bool IsThis => Root is null;

        public static AccessPath This { get; } = new AccessPath(null, ImmutableArray<ISymbol>.Empty);

        public static AccessPath For(ISymbol root) => new AccessPath(root, ImmutableArray<ISymbol>.Empty);

        /// <summary>This path followed by <paramref name="member"/>, or null when that is longer than tracked.</summary>
        public AccessPath? Append(ISymbol member) =>
            Members.Length >= MaxMembers ? null : new AccessPath(Root, Members.Add(member));

        /// <summary>This path followed by <paramref name="suffix"/>, or null when that is longer than tracked.</summary>
        public AccessPath? Append(ImmutableArray<ISymbol> suffix)
        {
            if (suffix.IsEmpty)
            {
                return this;
            }

            return Members.Length + suffix.Length > MaxMembers ? null : new AccessPath(Root, Members.AddRange(suffix));
        }

        /// <summary>True when <paramref name="other"/> is this path or starts with it.</summary>
        public bool IsPrefixOf(AccessPath other)
        {
            if (other.Members.Length < Members.Length || !SymbolEqualityComparer.Default.Equals(Root, other.Root))
            {
                return false;
            }

            for (var i = 0; i < Members.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(Members[i], other.Members[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public bool Equals(AccessPath? other) =>
            other is not null && _hash == other._hash && Members.Length == other.Members.Length && IsPrefixOf(other);

        public override bool Equals(object? obj) => Equals(obj as AccessPath);

        public override int GetHashCode() => _hash;

        /// <summary>The path as code in the object's own members would write it: <c>_port.Stream</c>, <c>ved.Pads</c>, <c>this</c>.</summary>
        public string Display => IsThis && !Members.IsEmpty ? string.Join(".", Members.Select(m => m.Name)) : ToString();

        public override string ToString()
        {
            var parts = new List<string> { Root?.Name ?? "this" };
            foreach (var member in Members)
            {
                parts.Add(member.Name);
            }

            return string.Join(".", parts);
        }
    }
}
