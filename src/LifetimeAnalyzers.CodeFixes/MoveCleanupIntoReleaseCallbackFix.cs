using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// LIFE001 fix: when the late use is a cleanup statement about the released object, move it into the
    /// object's release callback, so the callback is the destructor that frees everything (the design the vimc
    /// maintainers asked for).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveCleanupIntoReleaseCallbackFix)), Shared]
    public sealed class MoveCleanupIntoReleaseCallbackFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(MoveCleanupIntoReleaseCallbackFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE001UseAfterRelease.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (await PlanAsync(document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Move the cleanup into '{plan.Callback.ContainingType.Name}.{plan.Callback.Name}'",
                            token => ApplyAsync(document, plan, token),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Plan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax released
                || released.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax cleanup
                || cleanup.Parent is not BlockSyntax
                || model.GetSymbolInfo(released, cancellationToken).Symbol is not { } variable
                || variable is not (ILocalSymbol or IParameterSymbol)
                || model.GetTypeInfo(released, cancellationToken).Type is not INamedTypeSymbol type)
            {
                return null;
            }

            var callback = ReleaseCallbackOf(type);
            if (callback is null
                || callback.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: not null } declaration
                || !CanMove(cleanup, variable, type, model, cancellationToken))
            {
                return null;
            }

            // Code that overrides the callback again might not call it: the cleanup would silently stop running.
            var solution = document.Project.Solution;
            var overrides = await SymbolFinder.FindOverridesAsync(callback, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (overrides.Any())
            {
                return null;
            }

            var callbackDocument = solution.GetDocument(declaration.SyntaxTree);
            return callbackDocument is null ? null : new Plan(cleanup, variable, callback, declaration, callbackDocument);
        }

        /// <summary>The type's own, source-declared, non-abstract release callback.</summary>
        private static IMethodSymbol? ReleaseCallbackOf(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsAbstract: false, Parameters.IsEmpty: true } method && Releases.IsReleaseCallback(method)
                    && SymbolFacts.IsInSource(method))
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the statement still means the same inside the callback: it names the released variable but no
        /// other local or parameter, nothing of the method's own instance, and only what the callback's type can reach.
        /// </summary>
        private static bool CanMove(StatementSyntax statement, ISymbol variable, INamedTypeSymbol callbackType, SemanticModel model, CancellationToken cancellationToken)
        {
            if (statement.DescendantNodes().Any(n => n is ThisExpressionSyntax or BaseExpressionSyntax or AnonymousFunctionExpressionSyntax))
            {
                return false;
            }

            foreach (var name in statement.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                if (symbol is null)
                {
                    return false;
                }

                if (symbol is ILocalSymbol or IParameterSymbol)
                {
                    if (!SymbolEqualityComparer.Default.Equals(symbol, variable))
                    {
                        return false;
                    }

                    continue;
                }

                var qualified = name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax;
                if (!symbol.IsStatic && !qualified && symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol)
                {
                    // An unqualified instance member belongs to the method's own object, which the callback does not have.
                    return false;
                }

                if (symbol is not INamespaceSymbol && !model.Compilation.IsSymbolAccessibleWithin(symbol, callbackType))
                {
                    return false;
                }
            }

            return true;
        }

        private static async Task<Solution> ApplyAsync(Document document, Plan plan, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var solution = document.Project.Solution;
            if (model is null)
            {
                return solution;
            }

            // Qualify every name where it stands, then let the simplifier shorten them where they land.
            var expanded = Simplifier.Expand(plan.Cleanup, model, solution.Workspace, cancellationToken: cancellationToken);
            var moved = expanded.ReplaceNodes(
                    expanded.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == plan.Variable.Name && IsVariable(n)),
                    (original, _) => SyntaxFactory.ThisExpression().WithTriviaFrom(original))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

            var sourceRoot = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (sourceRoot is null)
            {
                return solution;
            }

            solution = solution.WithDocumentSyntaxRoot(document.Id, sourceRoot.RemoveNode(plan.Cleanup, SyntaxRemoveOptions.KeepNoTrivia)!);
            var target = solution.GetDocument(plan.CallbackDocument.Id)!;
            var targetRoot = await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var declaration = targetRoot?.FindNode(plan.Declaration.Span) as MethodDeclarationSyntax ?? targetRoot?.FindNode(plan.Declaration.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (targetRoot is null || declaration?.Body is null)
            {
                return document.Project.Solution;
            }

            var newDeclaration = declaration.WithBody(declaration.Body.AddStatements(moved));
            target = target.WithSyntaxRoot(targetRoot.ReplaceNode(declaration, newDeclaration));
            target = await Simplifier.ReduceAsync(target, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            target = await Formatter.FormatAsync(target, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return target.Project.Solution;
        }

        /// <summary>A name that stands for the variable itself, not a member of something else that shares its name.</summary>
        private static bool IsVariable(IdentifierNameSyntax name) =>
            name.Parent is not MemberAccessExpressionSyntax access || access.Expression == name;

        private sealed class Plan
        {
            public Plan(ExpressionStatementSyntax cleanup, ISymbol variable, IMethodSymbol callback, MethodDeclarationSyntax declaration, Document callbackDocument)
            {
                Cleanup = cleanup;
                Variable = variable;
                Callback = callback;
                Declaration = declaration;
                CallbackDocument = callbackDocument;
            }

            public ExpressionStatementSyntax Cleanup { get; }

            public ISymbol Variable { get; }

            public IMethodSymbol Callback { get; }

            public MethodDeclarationSyntax Declaration { get; }

            public Document CallbackDocument { get; }
        }
    }
}
