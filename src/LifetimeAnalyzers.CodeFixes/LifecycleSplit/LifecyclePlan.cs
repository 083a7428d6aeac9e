using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>Where each statement of a class's life goes: init (the constructor), register, unregister and cleanup (the teardown).</summary>
    internal sealed class LifecyclePlan
    {
        private LifecyclePlan(Document document, INamedTypeSymbol type, ClassDeclarationSyntax declaration, ConstructorDeclarationSyntax? constructor,
            RegisterPart register, List<(Document Document, BaseObjectCreationExpressionSyntax Creation)> sites, TeardownPart teardown, bool hasReleaseCallback)
        {
            Document = document;
            Type = type;
            Declaration = declaration;
            Constructor = constructor;
            Register = register;
            Sites = sites;
            Teardown = teardown;
            HasReleaseCallback = hasReleaseCallback;
        }

        public Document Document { get; }

        public INamedTypeSymbol Type { get; }

        public ClassDeclarationSyntax Declaration { get; }

        public ConstructorDeclarationSyntax? Constructor { get; }

        public RegisterPart Register { get; }

        /// <summary>The <c>new T(…)</c> expressions that become <c>T.Create(…)</c> when registration leaves the constructor.</summary>
        public List<(Document Document, BaseObjectCreationExpressionSyntax Creation)> Sites { get; }

        public TeardownPart Teardown { get; }

        /// <summary>Whether the class has its own release callback, into which cleanup done after its release elsewhere can move.</summary>
        public bool HasReleaseCallback { get; }

        public bool IsEmpty => Register.IsEmpty && !Teardown.Changes && !HasReleaseCallback;

        /// <summary>Whether all the split can do is move cleanup done elsewhere into the release callback, if there is any.</summary>
        public bool OnlyMovesCleanup => Register.IsEmpty && !Teardown.Changes && HasReleaseCallback;

        /// <summary>The plan for a class, or null when its life cannot be split without changing what it does.</summary>
        public static async Task<LifecyclePlan?> CreateAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not { TypeKind: TypeKind.Class, IsStatic: false, IsAbstract: false } type
                || type.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var lifetime = LifetimeContext.For(model.Compilation, document.Project.AnalyzerOptions);
            var constructors = declaration.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
            var constructor = constructors.Count == 1 ? constructors[0] : null;
            var register = constructor is { Initializer: null or { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.BaseKeyword } }
                ? RegisterPart.Find(constructor, model, lifetime, cancellationToken)
                : constructors.Count == 0 ? RegisterPart.Empty : null;
            var teardown = TeardownPart.Find(type, declaration, model, lifetime, cancellationToken);
            if (register is null || teardown is null
                || (teardown.NeedsUnregisterMethod && type.GetMembers(teardown.UnregisterName).Any())
                || (teardown.Teardown is null && (teardown.HasUnregister || !teardown.Unreleased.IsEmpty) && IsDisposableAlready(type, lifetime)))
            {
                return null;
            }

            var sites = new List<(Document Document, BaseObjectCreationExpressionSyntax Creation)>();
            if (!register.IsEmpty)
            {
                var solution = document.Project.Solution;
                if (constructors.Count != 1 || model.GetDeclaredSymbol(constructor!, cancellationToken) is not { } constructorSymbol
                    || type.GetMembers(FactoryConstruction.FactoryName).Any() || type.GetMembers(FactoryConstruction.RegisterName).Any()
                    || (!type.IsSealed && (await SymbolFinder.FindDerivedClassesAsync(type, solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false)).Any())
                    || await FactoryConstruction.FindSitesAsync(constructorSymbol, solution, cancellationToken).ConfigureAwait(false) is not { } found
                    || found.Any(s => s.Creation.SyntaxTree == declaration.SyntaxTree && constructor!.Span.Contains(s.Creation.Span)))
                {
                    return null;
                }

                sites = found;
            }

            return new LifecyclePlan(document, type, declaration, constructor, register, sites, teardown, ReleaseCallbackCleanup.OwnReleaseCallback(type) is not null);
        }

        /// <summary>A class that is disposable through its base, or has a <c>Dispose</c> that is not a teardown, cannot be given a <c>Dispose()</c> of its own.</summary>
        private static bool IsDisposableAlready(INamedTypeSymbol type, LifetimeContext lifetime)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers("Dispose").Any())
                {
                    return true;
                }
            }

            return SymbolFacts.Implements(type, lifetime.Symbols.IDisposable);
        }
    }
}
