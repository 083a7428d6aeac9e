using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The places released on every path to one program point, each with where it was released. A place
    /// with no release site is known to be null there: it cannot be used either, and merges with a release.
    /// </summary>
    internal sealed class FlowState
    {
        private Dictionary<AccessPath, ReleaseSite?> _facts;

        /// <summary>
        /// Whether <see cref="_facts"/> may be shared with a copy: most copies (one per block and round) are never
        /// changed, so the dictionary is copied only before the first change.
        /// </summary>
        private bool _shared;

        public FlowState()
            : this(new Dictionary<AccessPath, ReleaseSite?>())
        {
        }

        private FlowState(Dictionary<AccessPath, ReleaseSite?> facts) => _facts = facts;

        public FlowState Copy()
        {
            _shared = true;
            return new FlowState(_facts) { _shared = true };
        }

        public ReleaseSite? Get(AccessPath path) => _facts.TryGetValue(path, out var site) ? site : null;

        public void Release(AccessPath path, ReleaseSite site) => Writable()[path] = site;

        public bool IsEmpty => _facts.Count == 0;

        /// <summary>Whether anything is known about <paramref name="path"/>, a place inside it, or a place containing it.</summary>
        public bool KnowsAround(AccessPath path)
        {
            foreach (var key in _facts.Keys)
            {
                if (path.IsPrefixOf(key) || key.IsPrefixOf(path))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The shortest of the places <paramref name="path"/> starts with (itself included) that is released on every path
        /// here by a release that reports uses, with its release; null when there is none.
        /// </summary>
        public (AccessPath Prefix, ReleaseSite Site)? ShortestReleasedPrefix(AccessPath path)
        {
            (AccessPath Prefix, ReleaseSite Site)? shortest = null;
            foreach (var pair in _facts)
            {
                if (pair.Value is { ReportsUses: true, Certain: true } site && pair.Key.IsPrefixOf(path)
                    && (shortest is null || pair.Key.Members.Length < shortest.Value.Prefix.Members.Length))
                {
                    shortest = (pair.Key, site);
                }
            }

            return shortest;
        }

        /// <summary>The place is null on this path: released or null, it may not be used.</summary>
        public void MarkNull(AccessPath path)
        {
            if (!_facts.ContainsKey(path))
            {
                Writable()[path] = null;
            }
        }

        /// <summary>Forgets <paramref name="path"/> and everything below it: it was assigned and starts a new life.</summary>
        public void Kill(AccessPath path)
        {
            if (_facts.Count > 0)
            {
                RemoveWhere(key => path.IsPrefixOf(key));
            }
        }

        /// <summary>Whether anything is known of a place reached through <paramref name="path"/>.</summary>
        public bool KnowsBeyond(AccessPath path) => _facts.Count > 0 && _facts.Keys.Any(key => key.Members.Length > path.Members.Length && path.IsPrefixOf(key));

        /// <summary>Forgets the places below <paramref name="path"/> whose first member below it passes <paramref name="member"/>.</summary>
        public void KillExtensions(AccessPath path, Func<ISymbol, bool> member)
        {
            if (_facts.Count > 0)
            {
                RemoveWhere(key => key.Members.Length > path.Members.Length && path.IsPrefixOf(key) && member(key.Members[path.Members.Length]));
            }
        }

        /// <summary>Keeps what holds on both paths; where one path released and the other saw null, the release.</summary>
        public FlowState IntersectWith(FlowState other)
        {
            List<(AccessPath Key, ReleaseSite? Site, bool Keep)>? changes = null;
            foreach (var pair in _facts)
            {
                var ours = pair.Value;
                if (!other._facts.TryGetValue(pair.Key, out var theirs))
                {
                    (changes ??= new List<(AccessPath, ReleaseSite?, bool)>()).Add((pair.Key, null, false));
                    continue;
                }

                var kept = ours is null || (theirs is not null && theirs.Position < ours.Position) ? theirs : ours;
                // Released on one path and only possibly on the other: possibly, where they meet.
                var met = ours is { Certain: false } || theirs is { Certain: false } ? kept?.Uncertain() : kept;
                if (!ReferenceEquals(met, ours))
                {
                    (changes ??= new List<(AccessPath, ReleaseSite?, bool)>()).Add((pair.Key, met, true));
                }
            }

            if (changes is not null)
            {
                var facts = Writable();
                foreach (var (key, site, keep) in changes)
                {
                    if (keep)
                    {
                        facts[key] = site;
                    }
                    else
                    {
                        facts.Remove(key);
                    }
                }
            }

            return this;
        }

        /// <summary>Keeps what holds on either path: the meet of a may-analysis.</summary>
        public FlowState UnionWith(FlowState other)
        {
            foreach (var pair in other._facts)
            {
                if (!_facts.TryGetValue(pair.Key, out var ours) || (ours is null && pair.Value is not null) || (ours is not null && pair.Value is not null && pair.Value.Position < ours.Position))
                {
                    Writable()[pair.Key] = pair.Value;
                }
            }

            return this;
        }

        public bool SameAs(FlowState other)
        {
            if (_facts.Count != other._facts.Count)
            {
                return false;
            }

            foreach (var pair in _facts)
            {
                if (!other._facts.TryGetValue(pair.Key, out var site) || !ReferenceEquals(site?.Operation, pair.Value?.Operation) || site?.Certain != pair.Value?.Certain)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The released places (not those only known to be null), in a stable order; with <paramref name="certainOnly"/>, not those released on some paths only.</summary>
        public ImmutableArray<KeyValuePair<AccessPath, ReleaseSite>> Released(bool certainOnly) =>
            _facts.Where(pair => pair.Value is not null && (!certainOnly || pair.Value.Certain))
                .Select(pair => new KeyValuePair<AccessPath, ReleaseSite>(pair.Key, pair.Value!))
                .OrderBy(pair => pair.Value.Position)
                .ThenBy(pair => pair.Key.ToString(), StringComparer.Ordinal)
                .ToImmutableArray();

        private void RemoveWhere(Func<AccessPath, bool> predicate)
        {
            List<AccessPath>? doomed = null;
            foreach (var key in _facts.Keys)
            {
                if (predicate(key))
                {
                    (doomed ??= new List<AccessPath>()).Add(key);
                }
            }

            if (doomed is not null)
            {
                var facts = Writable();
                foreach (var key in doomed)
                {
                    facts.Remove(key);
                }
            }
        }

        /// <summary>The facts, unshared: copied first when a copy of this state may still read them.</summary>
        private Dictionary<AccessPath, ReleaseSite?> Writable()
        {
            if (_shared)
            {
                _facts = new Dictionary<AccessPath, ReleaseSite?>(_facts);
                _shared = false;
            }

            return _facts;
        }
    }
}
