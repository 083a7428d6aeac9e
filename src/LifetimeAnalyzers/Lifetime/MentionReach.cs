using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a method of an object could touch one of a few of the object's members, told from the names its code
    /// writes and those of the object's methods and properties it names in turn: the test before binding a callback's
    /// body to find what it reads. A callback that names none of them, directly or through the object's own
    /// members, cannot touch them, whatever its body binds to.
    /// </summary>
    internal sealed class MentionReach
    {
        private readonly INamedTypeSymbol _type;
        private readonly HashSet<string> _names;

        /// <summary>Declarations already searched without finding a name, with all they name in turn.</summary>
        private readonly HashSet<SyntaxNode> _silent = new HashSet<SyntaxNode>();

        private MentionReach(INamedTypeSymbol type, HashSet<string> names)
        {
            _type = type;
            _names = names;
        }

        /// <summary>
        /// The test for <paramref name="members"/> of an object of <paramref name="type"/>; null when names cannot tell,
        /// because one of them is static (code of any type may touch it, through properties the test does not follow).
        /// </summary>
        public static MentionReach? For(IEnumerable<ISymbol> members, INamedTypeSymbol type)
        {
            var names = new HashSet<string>();
            foreach (var member in members)
            {
                if (member.IsStatic)
                {
                    return null;
                }

                names.Add(member.Name);
            }

            return new MentionReach(type, names);
        }

        public bool CouldTouch(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var seen = new HashSet<SyntaxNode>();
            var pending = new Stack<SyntaxNode>();
            Push(method, seen, pending, cancellationToken);
            // The declarations to search and the nodes inside them share one stack: a node's children are pushed in its
            // place, a token is looked at. No order is needed, only that every token is met.
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var child in pending.Pop().ChildNodesAndTokens())
                {
                    if (child.AsNode() is { } node)
                    {
                        pending.Push(node);
                    }
                    else if (child.IsKind(SyntaxKind.IdentifierToken))
                    {
                        var name = child.AsToken().ValueText;
                        if (_names.Contains(name))
                        {
                            return true;
                        }

                        PushMembers(name, seen, pending, cancellationToken);
                    }
                    else if (child.IsKind(SyntaxKind.OpenBracketToken) && child.Parent?.Parent is ElementAccessExpressionSyntax or ElementBindingExpressionSyntax)
                    {
                        // An element access may run one of the object's indexers, which no identifier names.
                        PushMembers(WellKnownMemberNames.Indexer, seen, pending, cancellationToken);
                    }
                }
            }

            // Nothing named anywhere below: all that was searched is silent for any later question too.
            _silent.UnionWith(seen);
            return false;
        }

        /// <summary>The declarations of the object's own methods and properties called <paramref name="name"/>.</summary>
        private void PushMembers(string name, HashSet<SyntaxNode> seen, Stack<SyntaxNode> pending, CancellationToken cancellationToken)
        {
            for (var type = _type; type is not null && SymbolFacts.IsInSource(type); type = type.BaseType)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol or IPropertySymbol)
                    {
                        Push(member, seen, pending, cancellationToken);
                    }
                }
            }
        }

        private void Push(ISymbol member, HashSet<SyntaxNode> seen, Stack<SyntaxNode> pending, CancellationToken cancellationToken)
        {
            foreach (var reference in (member is IMethodSymbol method ? method.PartialImplementationPart ?? method : member).DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (!_silent.Contains(declaration) && seen.Add(declaration))
                {
                    pending.Push(declaration);
                }
            }
        }
    }
}
