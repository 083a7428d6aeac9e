using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// LIFE002 fix: take the registration out of the constructor. It moves into a private <c>Register</c> method;
    /// a static <c>Create</c> factory constructs, then registers; the constructor becomes private; and every
    /// <c>new T(…)</c> in the solution becomes <c>T.Create(…)</c>, so no caller is left with an unregistered object.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SplitInitAndRegisterFix)), Shared]
    public sealed class SplitInitAndRegisterFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(SplitInitAndRegisterFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE002RegistrationBeforeInit.Id);

        /// <summary>Each fix rewrites a whole type and its construction sites; one type at a time is what FixAll can merge.</summary>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await PlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Split '{plan.Type.Name}' into init and register (a '{FactoryConstruction.FactoryName}' factory)", token => ApplyAsync(context.Document.Project.Solution, plan, token), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Plan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || !diagnostic.Properties.ContainsKey(RegistrationBeforeInitAnalyzer.LastLateAssignment)
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax registration
                || registration.Parent is not BlockSyntax { Parent: ConstructorDeclarationSyntax { Initializer: null or { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.BaseKeyword } } constructor }
                || model.GetDeclaredSymbol(constructor, cancellationToken) is not { ContainingType: { IsSealed: true, TypeKind: TypeKind.Class } type } constructorSymbol
                || type.GetMembers(FactoryConstruction.FactoryName).Any() || type.GetMembers(FactoryConstruction.RegisterName).Any())
            {
                return null;
            }

            // The registration may use the constructor's parameters (they are handed on) but no locals, and must not assign readonly state.
            var parameters = new List<IParameterSymbol>();
            foreach (var name in registration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                switch (model.GetSymbolInfo(name, cancellationToken).Symbol)
                {
                    case ILocalSymbol:
                        return null;
                    case IParameterSymbol parameter when !parameters.Contains(parameter, SymbolEqualityComparer.Default):
                        parameters.Add(parameter);
                        break;
                    case IFieldSymbol { IsReadOnly: true } when name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name
                        || name.Parent is MemberAccessExpressionSyntax { Parent: AssignmentExpressionSyntax memberAssignment } access && memberAssignment.Left == access:
                        return null;
                }
            }

            var sites = await FactoryConstruction.FindSitesAsync(constructorSymbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            if (sites is null)
            {
                return null;
            }

            return new Plan(type, constructor, registration, parameters.OrderBy(p => p.Ordinal).ToList(), sites);
        }

        private static async Task<Solution> ApplyAsync(Solution solution, Plan plan, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(solution);
            await FactoryConstruction.RewriteSitesAsync(editor, plan.Sites, plan.Type, cancellationToken).ConfigureAwait(false);

            var document = solution.GetDocument(plan.Constructor.SyntaxTree)!;
            var typeEditor = await editor.GetDocumentEditorAsync(document.Id, cancellationToken).ConfigureAwait(false);
            var constructor = FactoryConstruction.MakePrivate(plan.Constructor.RemoveNode(plan.Registration, SyntaxRemoveOptions.KeepNoTrivia)!);
            typeEditor.InsertBefore(plan.Constructor, FactoryConstruction.Factory(plan.Constructor, plan.Parameters));
            typeEditor.InsertAfter(plan.Constructor, FactoryConstruction.Register(plan.Constructor, new[] { plan.Registration }, plan.Parameters));
            typeEditor.ReplaceNode(plan.Constructor, constructor);
            return editor.GetChangedSolution();
        }

        private sealed class Plan
        {
            public Plan(INamedTypeSymbol type, ConstructorDeclarationSyntax constructor, ExpressionStatementSyntax registration,
                List<IParameterSymbol> parameters, List<(Document Document, BaseObjectCreationExpressionSyntax Creation)> sites)
            {
                Type = type;
                Constructor = constructor;
                Registration = registration;
                Parameters = parameters;
                Sites = sites;
            }

            public INamedTypeSymbol Type { get; }

            public ConstructorDeclarationSyntax Constructor { get; }

            public ExpressionStatementSyntax Registration { get; }

            /// <summary>The constructor parameters the registration uses, in declaration order.</summary>
            public List<IParameterSymbol> Parameters { get; }

            public List<(Document Document, BaseObjectCreationExpressionSyntax Creation)> Sites { get; }
        }
    }
}
