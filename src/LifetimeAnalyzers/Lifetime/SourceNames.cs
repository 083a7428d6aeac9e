using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What the compilation's source declares that a name in a call may stand for, told from declarations alone: the
    /// methods it declares by name, the types it declares (or an alias or static import may bring in), and the receivers
    /// its extension methods take.
    /// </summary>
    internal sealed class SourceNames
    {
        /// <summary>Each tree's declarations: trees outlive compilations (an edit replaces one tree), so they are kept per tree.</summary>
        private static readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> s_trees = new ConditionalWeakTable<SyntaxTree, TreeDeclarations>();

        /// <summary>The names of the types declared in source, at any depth, and of the aliases any file declares.</summary>
        private readonly HashSet<string> _types = new HashSet<string>();
        /// <summary>Whether a file imports a type's static members for every file (<c>global using static</c>).</summary>
        private readonly bool _globalStaticImports;

        /// <summary>For each extension method name, the simple names of the receiver types it takes; null for any.</summary>
        private readonly Dictionary<string, List<string>?> _extensions = new Dictionary<string, List<string>?>();

        public SourceNames(Compilation compilation)
        {
            var extensionCandidates = new List<MethodDeclarationSyntax>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var declarations = s_trees.GetValue(tree, TreeDeclarations.Of);
                extensionCandidates.AddRange(declarations.ExtensionCandidates);
                _types.UnionWith(declarations.Types);
                _globalStaticImports |= declarations.GlobalStaticImports;
                foreach (var pair in declarations.Methods)
                {
                    if (!Methods.TryGetValue(pair.Key, out var list))
                    {
                        Methods.Add(pair.Key, list = new List<SyntaxNode>());
                    }

                    list.AddRange(pair.Value);
                }
            }

            foreach (var method in extensionCandidates)
            {
                if (IsExtension(method))
                {
                    var receiver = ReceiverTypeName(method);
                    if (!_extensions.TryGetValue(method.Identifier.ValueText, out var receivers))
                    {
                        _extensions.Add(method.Identifier.ValueText, receivers = new List<string>());
                    }

                    if (receiver is null)
                    {
                        _extensions[method.Identifier.ValueText] = null;
                    }
                    else
                    {
                        receivers?.Add(receiver);
                    }
                }
            }
        }

        /// <summary>The methods declared in source, by name.</summary>
        public Dictionary<string, List<SyntaxNode>> Methods { get; } = new Dictionary<string, List<SyntaxNode>>();

        /// <summary>Whether source declares a type called <paramref name="name"/> (or an alias of that name).</summary>
        public bool DeclaresType(string name) => _types.Contains(name);

        /// <summary>
        /// Whether <paramref name="name"/>, written in <paramref name="tree"/> where a type may stand, may name a source type,
        /// or a static member a static import brings in (which may be of a source type).
        /// </summary>
        public bool MayBeSourceType(string name, SyntaxTree tree) =>
            _types.Contains(name) || _globalStaticImports || s_trees.GetValue(tree, TreeDeclarations.Of).StaticImports;

        /// <summary>Whether a source extension method called <paramref name="method"/> may take a receiver of that type; of any type when it is unknown.</summary>
        public bool ExtensionMayApply(string method, ITypeSymbol? receiver)
        {
            if (!_extensions.TryGetValue(method, out var receivers))
            {
                return false;
            }

            if (receivers is null || receiver is null)
            {
                return true;
            }

            var names = new HashSet<string> { "Object" };
            for (var type = receiver; type is not null; type = type.BaseType)
            {
                names.Add(type.Name);
            }

            names.UnionWith(receiver.AllInterfaces.Select(i => i.Name));
            if (receiver is IArrayTypeSymbol || names.Contains("Span") || receiver.SpecialType == SpecialType.System_String)
            {
                // Arrays, spans and strings convert to spans where an extension is looked for.
                names.UnionWith(new[] { "Span", "ReadOnlySpan" });
            }

            return receivers.Any(names.Contains);
        }

        /// <summary>
        /// Whether a method that may declare an extension (<see cref="TreeDeclarations.ExtensionCandidates"/>) does: any
        /// method of something other than a type (an extension block), or one of a static class whose first parameter is <c>this</c>.
        /// </summary>
        private static bool IsExtension(MethodDeclarationSyntax method) =>
            method.Parent is not ClassDeclarationSyntax
            || (method.ParameterList.Parameters.Count > 0 && method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword));

        /// <summary>The simple name of the type an extension method extends; null when it may be any (a type parameter, a built-in type, an extension block).</summary>
        private static string? ReceiverTypeName(MethodDeclarationSyntax method)
        {
            if (method.ParameterList.Parameters.FirstOrDefault()?.Type is not { } type || !method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword))
            {
                return null;
            }

            var name = type switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            var typeParameters = method.TypeParameterList?.Parameters.Select(p => p.Identifier.ValueText) ?? Enumerable.Empty<string>();
            return name is null || typeParameters.Contains(name) || type.Parent is NullableTypeSyntax ? null : name;
        }

        /// <summary>What one tree declares: a walk of its declarations that does not enter member bodies.</summary>
        private sealed class TreeDeclarations
        {
            public Dictionary<string, List<SyntaxNode>> Methods { get; } = new Dictionary<string, List<SyntaxNode>>();

            /// <summary>The types it declares, and the aliases its using directives name.</summary>
            public HashSet<string> Types { get; } = new HashSet<string>();

            /// <summary>Whether it imports a type's static members, for itself or, with <c>global</c>, for every file.</summary>
            public bool StaticImports { get; private set; }

            public bool GlobalStaticImports { get; private set; }

            /// <summary>
            /// The methods that may extend a type: those of static classes (where classic extension methods live; any part of a partial one) and of
            /// anything that is not a type (an extension block). A class's modifiers are read once, not each method's.
            /// </summary>
            public List<MethodDeclarationSyntax> ExtensionCandidates { get; } = new List<MethodDeclarationSyntax>();

            public static TreeDeclarations Of(SyntaxTree tree)
            {
                var declarations = new TreeDeclarations();
                // The walk meets a class before its members.
                var staticClasses = new HashSet<SyntaxNode>();
                foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax directive:
                            declarations.StaticImports |= directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword);
                            declarations.GlobalStaticImports |= directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword);
                            if (directive.Alias is { } alias)
                            {
                                declarations.Types.Add(alias.Name.Identifier.ValueText);
                            }

                            break;
                        case BaseTypeDeclarationSyntax type:
                            declarations.Types.Add(type.Identifier.ValueText);
                            // A partial class is static when any of its parts says so.
                            if (type is ClassDeclarationSyntax && (type.Modifiers.Any(SyntaxKind.StaticKeyword) || type.Modifiers.Any(SyntaxKind.PartialKeyword)))
                            {
                                staticClasses.Add(type);
                            }

                            break;
                        case DelegateDeclarationSyntax @delegate:
                            declarations.Types.Add(@delegate.Identifier.ValueText);
                            break;
                        case MethodDeclarationSyntax method:
                            if (!declarations.Methods.TryGetValue(method.Identifier.ValueText, out var list))
                            {
                                declarations.Methods.Add(method.Identifier.ValueText, list = new List<SyntaxNode>());
                            }

                            list.Add(method);
                            if (method.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax)
                                || staticClasses.Contains(method.Parent))
                            {
                                declarations.ExtensionCandidates.Add(method);
                            }

                            break;
                    }
                }

                return declarations;
            }
        }
    }
}
