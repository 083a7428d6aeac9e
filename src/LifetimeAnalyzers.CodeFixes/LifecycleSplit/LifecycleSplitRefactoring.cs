using System;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// The lifecycle split, offered on a class that registers itself or owns resources: its life is restructured into
    /// init (the constructor allocates and initialises only), register (publishes once fully initialised), unregister
    /// (withdraws, so no new callbacks arrive) and cleanup (the teardown frees what init allocated, newest first).
    /// </summary>
    [ExportCodeRefactoringProvider(LanguageNames.CSharp, Name = nameof(LifecycleSplitRefactoring)), Shared]
    public sealed class LifecycleSplitRefactoring : CodeRefactoringProvider
    {
        public override async Task ComputeRefactoringsAsync(CodeRefactoringContext context)
        {
            var cancellationToken = context.CancellationToken;
            var root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration
                || context.Span.Start < declaration.SpanStart || context.Span.End > declaration.OpenBraceToken.SpanStart)
            {
                // Offered on the class's header only, not on every line inside it.
                return;
            }

            if (await BlockBodies.ExpandAsync(context.Document, declaration, cancellationToken).ConfigureAwait(false) is not { } expanded
                || await LifecyclePlan.CreateAsync(expanded.Document, expanded.Declaration, cancellationToken).ConfigureAwait(false) is not { IsEmpty: false } plan)
            {
                return;
            }

            if (plan.OnlyMovesCleanup)
            {
                // Offered only if some cleanup elsewhere does move: a split that changes nothing is not a refactoring.
                var solution = context.Document.Project.Solution;
                var model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
                    || await ReleaseCallbackCleanup.MoveUsesAfterReleaseIntoCallbackAsync(solution, type, cancellationToken).ConfigureAwait(false) is not { } moved
                    || moved == solution)
                {
                    return;
                }

                Register(context, plan, _ => Task.FromResult(moved));
                return;
            }

            Register(context, plan, token => LifecycleRewriter.ApplyAsync(plan, token));
        }

        private static void Register(CodeRefactoringContext context, LifecyclePlan plan, Func<CancellationToken, Task<Solution>> apply) =>
            context.RegisterRefactoring(CodeAction.Create($"Split '{plan.Type.Name}' into init, register, unregister and cleanup", apply, nameof(LifecycleSplitRefactoring)));
    }
}
