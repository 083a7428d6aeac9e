using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Whether a source method could release anything its summary names, told from its syntax and the names it calls:
    /// the test before binding its body for a summary. A release needs a <c>using</c> of an existing object, or a call by
    /// a name that can release: a release the engine knows by name (<see cref="Releases.IsBuiltInName"/>), one the user
    /// configured, or a source method the call may run that is marked as a release or could itself release, followed as
    /// deep as summaries go (those of the receiver's declared type where declarations tell it, <see cref="CallTargets"/>;
    /// any of that name where they do not). The call must also be handed something the summary can name
    /// (<see cref="SummaryPlaces"/>), not only the method's own locals.
    /// Most methods a driver calls (register access, decoding, logging) call nothing of the kind and are never bound.
    /// </summary>
    internal sealed class ReleaseNames
    {
        private readonly LifetimeContext _context;
        private readonly ConcurrentDictionary<(SyntaxNode Method, int Depth), bool> _answers = new ConcurrentDictionary<(SyntaxNode Method, int Depth), bool>();
        private readonly ConcurrentDictionary<(string Name, int Depth), bool> _names = new ConcurrentDictionary<(string Name, int Depth), bool>();
        private readonly ConcurrentDictionary<SyntaxNode, ReleasingCalls?> _calls = new ConcurrentDictionary<SyntaxNode, ReleasingCalls?>();

        public ReleaseNames(LifetimeContext context)
        {
            _context = context;
        }

        /// <summary>
        /// Whether a referenced assembly declares the release attributes: then compiled methods may release under any
        /// name, and names say nothing.
        /// </summary>
        private bool ReleasesInReferences =>
            _context.Contracts.InReferences(ContractAttributes.Releases) || _context.Contracts.InReferences(ContractAttributes.ReleaseCallback);

        /// <summary>Whether the release attributes are declared at all, in source or a reference: else no method carries them.</summary>
        private bool ReleasesDeclared =>
            _context.Contracts.Anywhere(ContractAttributes.Releases) || _context.Contracts.Anywhere(ContractAttributes.ReleaseCallback);

        /// <summary>
        /// Whether a call by <paramref name="name"/> may release by itself, before any summary: a release the engine knows
        /// by name (<see cref="Releases.IsBuiltInName"/>) or the user configured, or a call of any name once the contract
        /// attributes are declared, since they may mark any method.
        /// </summary>
        public bool MayReleaseByName(string name, SyntaxTree tree) =>
            ReleasesDeclared || ReleasesByName(name, tree);

        /// <summary>Whether <paramref name="name"/>, called in <paramref name="tree"/>, is one of the releases the engine knows by name or the user configured.</summary>
        private bool ReleasesByName(string name, SyntaxTree tree) =>
            Releases.IsBuiltInName(name) || _context.OptionsFor(tree).ReleaseMethods.Names(name);

        /// <summary>
        /// Whether <paramref name="method"/>, with calls followed <paramref name="depth"/> levels down, could release. A
        /// partial method is judged by its implementation, as its summary is.
        /// </summary>
        public bool CouldRelease(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            if (ReleasesInReferences)
            {
                return true;
            }

            var definition = SymbolFacts.Definition(method);
            foreach (var reference in definition.DeclaringSyntaxReferences)
            {
                if (CouldRelease(reference.GetSyntax(cancellationToken), definition, depth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <param name="symbol">The method's symbol when the caller knows it; else it is looked up if needed.</param>
        private bool CouldRelease(SyntaxNode method, IMethodSymbol? symbol, int depth, CancellationToken cancellationToken)
        {
            if (!_answers.TryGetValue((method, depth), out var answer))
            {
                answer = _answers.GetOrAdd((method, depth), Compute(method, symbol, depth, cancellationToken));
            }

            return answer;
        }

        private bool Compute(SyntaxNode method, IMethodSymbol? symbol, int depth, CancellationToken cancellationToken)
        {
            var calls = CallsOf(method, symbol, cancellationToken);
            if (calls is null)
            {
                return true;
            }

            if (calls.Names is { } names)
            {
                foreach (var name in names)
                {
                    if (SourceMethodCouldRelease(name, depth, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            if (calls.Targets is { } targets)
            {
                foreach (var target in targets)
                {
                    if (Marked(target.Key) || (depth > 0 && CouldRelease(target.Key, target.Value, depth - 1, cancellationToken)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The calls of a method that may release what its summary names, whatever the depth: null when the method may
        /// release by itself (a <c>using</c>, a release the engine knows or the user configured, a call the syntax does not
        /// write out); else the source methods they may run, by declaration where the receiver's type tells
        /// (<see cref="CallTargets"/>), by name where it does not.
        /// </summary>
        private ReleasingCalls? CallsOf(SyntaxNode method, IMethodSymbol? symbol, CancellationToken cancellationToken)
        {
            if (_calls.TryGetValue(method, out var known))
            {
                return known;
            }

            // One walk finds the method's own variables and the calls and using statements to judge once they are all known,
            // so it may meet them in any order: a stack of nodes, which allocates less than the framework's ordered walk.
            // Lambdas and local functions are left out: their flows are their own, and never reach the method's summary.
            var locals = new LocalNames();
            List<SyntaxNode>? candidates = null;
            var pending = new Stack<SyntaxNode>();
            pending.Push(method);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var child in pending.Pop().ChildNodesAndTokens())
                {
                    if (child.AsNode() is not { } node || node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    {
                        continue;
                    }

                    locals.Note(node);
                    switch (node)
                    {
                        case UsingStatementSyntax { Expression: not null }:
                        case InvocationExpressionSyntax:
                            (candidates ??= new List<SyntaxNode>()).Add(node);
                            break;
                        // Calls the syntax does not name: a collection's Add, a query's operators.
                        case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression }:
                        case QueryExpressionSyntax or CollectionExpressionSyntax:
                            return _calls.GetOrAdd(method, (ReleasingCalls?)null);
                    }

                    // Names, literals and this have no nodes below them: a good share of all nodes, not worth listing the children of.
                    if (node is not (IdentifierNameSyntax or LiteralExpressionSyntax or PredefinedTypeSyntax or ThisExpressionSyntax))
                    {
                        pending.Push(node);
                    }
                }
            }

            if (candidates is null)
            {
                // No call and no using: nothing to judge.
                return _calls.GetOrAdd(method, ReleasingCalls.None);
            }

            ReleasingCalls? calls = null;
            foreach (var node in candidates)
            {
                switch (node)
                {
                    case UsingStatementSyntax { Expression: { } resource } when SummaryPlaces.MayBePlace(resource, method, locals):
                        return _calls.GetOrAdd(method, (ReleasingCalls?)null);
                    case InvocationExpressionSyntax invocation when CallSyntax.NameOf(invocation) is { } name && SummaryPlaces.MayBeHanded(invocation, method, locals):
                        if (ReleasesByName(name, method.SyntaxTree))
                        {
                            return _calls.GetOrAdd(method, (ReleasingCalls?)null);
                        }

                        // Whatever the receiver, only a source method of that name can run code of the user's.
                        if (!_context.SourceNames.Methods.ContainsKey(name))
                        {
                            break;
                        }

                        symbol ??= DeclaredMethod(method, cancellationToken);
                        if (symbol is null || CallTargets.Of(invocation, name, symbol, locals, _context.SourceNames) is not { } targets)
                        {
                            (calls ??= new ReleasingCalls()).AddName(name);
                            break;
                        }

                        foreach (var target in targets)
                        {
                            var definition = target.OriginalDefinition;
                            foreach (var reference in definition.DeclaringSyntaxReferences)
                            {
                                (calls ??= new ReleasingCalls()).AddTarget(reference.GetSyntax(cancellationToken), definition);
                            }
                        }

                        break;
                }
            }

            return _calls.GetOrAdd(method, calls ?? ReleasingCalls.None);
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer",
            Justification = "The declared symbol of a method in another tree: a declaration lookup, no body is bound.")]
        private IMethodSymbol? DeclaredMethod(SyntaxNode method, CancellationToken cancellationToken) =>
            _context.Compilation.ContainsSyntaxTree(method.SyntaxTree)
                ? _context.Compilation.GetSemanticModel(method.SyntaxTree).GetDeclaredSymbol(method, cancellationToken) as IMethodSymbol
                : null;

        /// <summary>Whether a source method named <paramref name="name"/> is marked as a release, or could release itself.</summary>
        private bool SourceMethodCouldRelease(string name, int depth, CancellationToken cancellationToken)
        {
            if (!_context.SourceNames.Methods.TryGetValue(name, out var methods))
            {
                return false;
            }

            if (!_names.TryGetValue((name, depth), out var answer))
            {
                answer = _names.GetOrAdd((name, depth), AnyCouldRelease(methods, depth, cancellationToken));
            }

            return answer;
        }

        /// <summary>Whether one of the source methods of a name is marked as a release, or could release itself.</summary>
        /// <remarks>A loop, not <c>Exists</c> with a lambda: the lambda would capture the depth and the token on every name asked.</remarks>
        private bool AnyCouldRelease(List<SyntaxNode> methods, int depth, CancellationToken cancellationToken)
        {
            foreach (var method in methods)
            {
                if (Marked(method) || (depth > 0 && CouldRelease(method, symbol: null, depth - 1, cancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the method, or one of its parameters, carries a contract attribute that makes calling it a release. Only
        /// read when the attributes are declared somewhere: else an attribute of that name marks nothing.
        /// </summary>
        private bool Marked(SyntaxNode method)
        {
            if (!ReleasesDeclared || method is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            return Names(declaration.AttributeLists, ContractAttributes.Releases) || Names(declaration.AttributeLists, ContractAttributes.ReleaseCallback)
                || declaration.ParameterList.Parameters.Any(p => Names(p.AttributeLists, ContractAttributes.Releases));
        }

        private static bool Names(SyntaxList<AttributeListSyntax> lists, string attributeName)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = attribute.Name switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => string.Empty,
                    };
                    if (name == attributeName || name + "Attribute" == attributeName)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The calls of one method that may release, as <see cref="CallsOf"/> finds them.</summary>
        private sealed class ReleasingCalls
        {
            /// <summary>A method none of whose calls may release: never added to.</summary>
            public static ReleasingCalls None { get; } = new ReleasingCalls();

            /// <summary>Calls whose receiver's type syntax cannot tell: any source method of the name may run. Null for none.</summary>
            public HashSet<string>? Names { get; private set; }

            /// <summary>The declarations of the source methods the other calls may run, with their symbols. Null for none.</summary>
            public Dictionary<SyntaxNode, IMethodSymbol>? Targets { get; private set; }

            public void AddName(string name) => (Names ??= new HashSet<string>()).Add(name);

            public void AddTarget(SyntaxNode declaration, IMethodSymbol method) => (Targets ??= new Dictionary<SyntaxNode, IMethodSymbol>())[declaration] = method;
        }
    }
}
