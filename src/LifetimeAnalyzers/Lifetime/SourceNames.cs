using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What the compilation's source declares that a name in a call may stand for, told from declarations alone: the
    /// types it declares (or an alias or static import may bring in), and the receivers its extension methods take.
    /// </summary>
    internal sealed class SourceNames
    {
        /// <summary>The names of the types declared in source, at any depth, and of the aliases any file declares.</summary>
        private readonly HashSet<string> _types = new HashSet<string>();
        private readonly bool _staticImports;

        /// <summary>For each extension method name, the simple names of the receiver types it takes; null for any.</summary>
        private readonly Dictionary<string, List<string>?> _extensions = new Dictionary<string, List<string>?>();

        public SourceNames(Compilation compilation, IEnumerable<MethodDeclarationSyntax> methods)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax directive:
                            _staticImports |= directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword);
                            if (directive.Alias is { } alias)
                            {
                                _types.Add(alias.Name.Identifier.ValueText);
                            }

                            break;
                        case BaseTypeDeclarationSyntax type:
                            _types.Add(type.Identifier.ValueText);
                            break;
                        case DelegateDeclarationSyntax @delegate:
                            _types.Add(@delegate.Identifier.ValueText);
                            break;
                    }
                }
            }

            foreach (var method in methods)
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

        /// <summary>Whether <paramref name="name"/>, written where a type may stand, may name a source type.</summary>
        public bool MayBeSourceType(string name) =>
            _staticImports || _types.Contains(name);

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

        /// <summary>A classic extension method, or any method declared in something other than a type (an extension block).</summary>
        public static bool IsExtension(MethodDeclarationSyntax method) =>
            (method.ParameterList.Parameters.Count > 0 && method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword))
            || method.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax);

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
    }
}
