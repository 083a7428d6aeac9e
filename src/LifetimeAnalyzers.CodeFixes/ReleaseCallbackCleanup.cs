using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// Moves cleanup that runs after a release (LIFE001: <c>md.UnregisterSubdev(ved); CleanupPads(ved.Pads);</c>) to the
    /// start of the released object's release callback, so the callback is the destructor that frees everything (the
    /// design the vimc maintainers asked for). Shared by the LIFE001 fix and the lifecycle split.
    /// </summary>
    internal static class ReleaseCallbackCleanup
    {
        /// <summary>
        /// Finds the LIFE001 uses after release, anywhere in the solution, whose released variable is an object of
        /// <paramref name="type"/> (its static type is <paramref name="type"/>, or a base of <paramref name="type"/> of which
        /// <paramref name="type"/> is the only non-abstract class deriving from it in the solution) and whose statement can
        /// move into <paramref name="type"/>'s own source release callback; moves each there. Returns the solution unchanged
        /// when there are none. <paramref name="type"/> is a symbol of one of <paramref name="solution"/>'s compilations.
        /// </summary>
        public static async Task<Solution> MoveUsesAfterReleaseIntoCallbackAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var moves = new List<Move>();
            foreach (var project in ProjectsThatSee(solution, type))
            {
                foreach (var diagnostic in await UsesAfterReleaseAsync(project, cancellationToken).ConfigureAwait(false))
                {
                    if (project.GetDocument(diagnostic.Location.SourceTree) is { } document
                        && await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } move
                        && SameDeclaration(move.Callback.ContainingType, type))
                    {
                        moves.Add(move);
                    }
                }
            }

            return moves.Count == 0 ? solution : await ApplyAsync(solution, moves, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The move that fixes one LIFE001 diagnostic of <paramref name="document"/>; null when its statement cannot move.</summary>
        internal static async Task<Move?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || diagnostic.Location.SourceTree != root.SyntaxTree
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax released
                || released.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax { Parent: BlockSyntax } cleanup
                || model.GetSymbolInfo(released, cancellationToken).Symbol is not { } variable
                || variable is not (ILocalSymbol or IParameterSymbol)
                || model.GetTypeInfo(released, cancellationToken).Type is not INamedTypeSymbol variableType)
            {
                return null;
            }

            var solution = document.Project.Solution;
            var callback = await ReleaseCallbackOfObjectAsync(variableType, solution, cancellationToken).ConfigureAwait(false);
            if (callback is null || callback.DeclaringSyntaxReferences.Length != 1
                || await callback.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax declaration
                || declaration.Body is null && declaration.ExpressionBody is null
                || declaration.SyntaxTree == cleanup.SyntaxTree && declaration.Span.Contains(cleanup.Span)
                || solution.GetDocument(declaration.SyntaxTree) is not { } callbackDocument
                || SymbolFinder.FindSimilarSymbols(callback.ContainingType, model.Compilation, cancellationToken).FirstOrDefault() is not { } callbackType
                || await callbackDocument.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } callbackCompilation
                || !ReleasesThroughCallback(diagnostic, root, model, variable, callback, document.Project.AnalyzerOptions, cancellationToken)
                || !CanMove(cleanup, variable, callbackType, callbackCompilation, model, cancellationToken, out var madeInternal))
            {
                return null;
            }

            // Code that overrides the callback again might not call it: the cleanup would silently stop running.
            var overrides = await SymbolFinder.FindOverridesAsync(callback, solution, cancellationToken: cancellationToken).ConfigureAwait(false);
            return overrides.Any() ? null : new Move(document.Id, cleanup, variable, callback, declaration, callbackDocument.Id, madeInternal);
        }

        /// <summary>Applies <paramref name="moves"/> together: each callback receives its cleanups in source order, ahead of its own statements.</summary>
        internal static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<Move> moves, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(solution);
            var unique = moves
                .GroupBy(m => m.Cleanup)
                .Select(g => g.First())
                .OrderBy(m => m.Cleanup.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(m => m.Cleanup.SpanStart)
                .ToList();
            foreach (var callback in unique.GroupBy(m => m.Declaration))
            {
                var statements = new List<StatementSyntax>();
                foreach (var move in callback)
                {
                    var site = await editor.GetDocumentEditorAsync(move.Document, cancellationToken).ConfigureAwait(false);
                    statements.Add(Moved(move, site.SemanticModel, solution.Workspace, cancellationToken));
                    site.RemoveNode(move.Cleanup, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                }

                var target = await editor.GetDocumentEditorAsync(callback.First().CallbackDocument, cancellationToken).ConfigureAwait(false);
                target.ReplaceNode(callback.Key, (node, _) => WithCleanupFirst((MethodDeclarationSyntax)node, statements));
            }

            foreach (var helper in unique.SelectMany(m => m.MadeInternal).Distinct())
            {
                if (solution.GetDocumentId(helper.SyntaxTree) is { } documentId)
                {
                    var declaring = await editor.GetDocumentEditorAsync(documentId, cancellationToken).ConfigureAwait(false);
                    declaring.ReplaceNode(helper, (node, _) => MadeInternal((MethodDeclarationSyntax)node));
                }
            }

            var changed = editor.GetChangedSolution();
            foreach (var documentId in unique.Select(m => m.CallbackDocument).Distinct())
            {
                if (changed.GetDocument(documentId) is { } target)
                {
                    target = await Simplifier.ReduceAsync(target, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    target = await Formatter.FormatAsync(target, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    changed = target.Project.Solution;
                }
            }

            return changed;
        }

        /// <summary>The projects that can hold a variable of <paramref name="type"/>: its own and those that reference it.</summary>
        private static IEnumerable<Project> ProjectsThatSee(Solution solution, INamedTypeSymbol type)
        {
            if (type.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference || solution.GetDocument(reference.SyntaxTree) is not { } declaring)
            {
                return Enumerable.Empty<Project>();
            }

            var dependents = solution.GetProjectDependencyGraph().GetProjectsThatTransitivelyDependOnThisProject(declaring.Project.Id);
            return new[] { declaring.Project.Id }.Concat(dependents)
                .Select(solution.GetProject)
                .OfType<Project>()
                .Where(p => p is { Language: LanguageNames.CSharp, SupportsCompilation: true });
        }

        private static async Task<IEnumerable<Diagnostic>> UsesAfterReleaseAsync(Project project, CancellationToken cancellationToken)
        {
            if (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation)
            {
                return Enumerable.Empty<Diagnostic>();
            }

            // Analyzer exceptions come back as AD0001 diagnostics, which are skipped: broken code moves nothing.
            var analyzed = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UseAfterReleaseAnalyzer()), project.AnalyzerOptions);
            var diagnostics = await analyzed.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return diagnostics.Where(d => d.Id == Descriptors.LIFE001UseAfterRelease.Id);
        }

        /// <summary>
        /// The release callback that runs for an object a variable of <paramref name="type"/> holds: the type's own or,
        /// when the type is abstract and one non-abstract class in the solution derives from it, that class's own.
        /// </summary>
        private static async Task<IMethodSymbol?> ReleaseCallbackOfObjectAsync(INamedTypeSymbol type, Solution solution, CancellationToken cancellationToken)
        {
            if (OwnReleaseCallback(type) is { } own)
            {
                return own;
            }

            if (type is not { TypeKind: TypeKind.Class, IsAbstract: true })
            {
                return null;
            }

            var derived = await SymbolFinder.FindDerivedClassesAsync(type.OriginalDefinition, solution, transitive: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            var concrete = derived.Where(d => !d.IsAbstract).Take(2).ToList();
            return concrete.Count == 1 ? OwnReleaseCallback(concrete[0]) : null;
        }

        /// <summary>The type's own, source-declared, non-abstract release callback.</summary>
        internal static IMethodSymbol? OwnReleaseCallback(INamedTypeSymbol type) =>
            type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m =>
                m is { IsAbstract: false, Parameters.IsEmpty: true } && Releases.IsReleaseCallback(m) && SymbolFacts.IsInSource(m));

        /// <summary>
        /// Whether the release the diagnostic points at ends in the callback (<c>UnregisterSubdev → Subdevice.Release</c>):
        /// after any other release (a <c>Dispose</c>, the end of a <c>using</c>) the moved cleanup would no longer run.
        /// </summary>
        private static bool ReleasesThroughCallback(Diagnostic diagnostic, SyntaxNode root, SemanticModel model, ISymbol variable, IMethodSymbol callback, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.FirstOrDefault() is not { } location || location.SourceTree != root.SyntaxTree
                || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is not { } call
                || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            {
                return false;
            }

            var end = SymbolFacts.DisplayName(SymbolFacts.RootDefinition(callback));
            var lifetime = LifetimeContext.For(model.Compilation, options);
            return Releases.Of(invocation, lifetime, LifetimeContext.SummaryDepth, cancellationToken)
                .Any(e => e.Members.IsEmpty && e.Chain.LastOrDefault() == end && Names(e.Operand, variable));
        }

        private static bool Names(IOperation operand, ISymbol variable) => AccessPaths.SkipConversions(operand) switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
            _ => false,
        };

        /// <summary>
        /// Whether the statement still means the same inside the callback: it names the released variable but no other
        /// local or parameter, nothing of the method's own instance, and only what the callback's type can reach — except
        /// private static methods of the statement's own type in the callback's project, which
        /// <paramref name="madeInternal"/> lists to be made internal.
        /// </summary>
        private static bool CanMove(StatementSyntax statement, ISymbol variable, INamedTypeSymbol callbackType, Compilation callbackCompilation, SemanticModel model,
            CancellationToken cancellationToken, out ImmutableArray<MethodDeclarationSyntax> madeInternal)
        {
            madeInternal = ImmutableArray<MethodDeclarationSyntax>.Empty;
            if (statement.ContainsDirectives
                || statement.DescendantNodes().Any(n => n is ThisExpressionSyntax or BaseExpressionSyntax or AnonymousFunctionExpressionSyntax))
            {
                return false;
            }

            var helpers = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
            var siteType = model.GetEnclosingSymbol(statement.SpanStart, cancellationToken)?.ContainingType;
            // An argument's name (`Cleanup(pads: ved.Pads)`) names the callee's parameter, which moves along unchanged.
            foreach (var name in statement.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Parent is not NameColonSyntax))
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

                if (symbol is INamespaceSymbol)
                {
                    continue;
                }

                var qualified = name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax;
                if (!symbol.IsStatic && !qualified && symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol)
                {
                    // An unqualified instance member belongs to the method's own object, which the callback does not have.
                    return false;
                }

                // A site in a project that references the callback's may name what the callback's project cannot see.
                if (symbol.ContainingAssembly is { } assembly && !Sees(callbackCompilation, assembly))
                {
                    return false;
                }

                if (!model.Compilation.IsSymbolAccessibleWithin(symbol, callbackType))
                {
                    if (HelperToMakeInternal(symbol, siteType, callbackType, model.Compilation, cancellationToken) is not { } helper)
                    {
                        return false;
                    }

                    helpers.Add(helper);
                }
            }

            madeInternal = helpers.ToImmutable();
            return true;
        }

        /// <summary>
        /// The declaration of a private static method of the site's own type that becomes reachable from the callback
        /// once internal (vimc's <c>Entities.CleanupPads</c>); null for anything else the callback cannot reach.
        /// </summary>
        private static MethodDeclarationSyntax? HelperToMakeInternal(ISymbol symbol, INamedTypeSymbol? siteType, INamedTypeSymbol callbackType, Compilation compilation, CancellationToken cancellationToken)
        {
            if (symbol is not IMethodSymbol called
                || (called.ReducedFrom ?? called).OriginalDefinition is not { IsStatic: true, DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } method
                || siteType is null
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, siteType.OriginalDefinition)
                || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, callbackType.ContainingAssembly)
                || !compilation.IsSymbolAccessibleWithin(method.ContainingType, callbackType)
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as MethodDeclarationSyntax;
        }

        /// <summary>Whether code compiled in <paramref name="compilation"/> can name what <paramref name="assembly"/> declares.</summary>
        private static bool Sees(Compilation compilation, IAssemblySymbol assembly) =>
            assembly.Identity.Equals(compilation.Assembly.Identity) || compilation.ReferencedAssemblyNames.Contains(assembly.Identity);

        /// <summary>Whether two symbols, perhaps from different compilations of the solution, are declared by the same source.</summary>
        private static bool SameDeclaration(ISymbol a, ISymbol b) =>
            a.DeclaringSyntaxReferences.FirstOrDefault() is { } first && b.DeclaringSyntaxReferences.FirstOrDefault() is { } second
            && first.SyntaxTree == second.SyntaxTree && first.Span == second.Span;

        /// <summary>
        /// The statement as the callback says it: every name qualified where it stood, then the variable replaced by
        /// <c>this</c>, left for the simplifier to shorten where it lands. Comments above it move with it; a remark at the
        /// end of its line was about the site and goes with it.
        /// </summary>
        private static StatementSyntax Moved(Move move, SemanticModel model, Workspace workspace, CancellationToken cancellationToken)
        {
            var expanded = Simplifier.Expand(move.Cleanup, model, workspace, cancellationToken: cancellationToken);
            var withThis = expanded.ReplaceNodes(
                expanded.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == move.Variable.Name && IsVariable(n)),
                (original, _) => SyntaxFactory.ThisExpression().WithTriviaFrom(original));
            var leading = move.Cleanup.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
            var lineEnd = move.Cleanup.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return withThis
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(lineEnd.DefaultIfEmpty(SyntaxFactory.ElasticMarker))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        }

        /// <summary>A name that stands for the variable itself, not a member, type or argument name that shares its name.</summary>
        private static bool IsVariable(IdentifierNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression == name,
            QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax => false,
            _ => true,
        };

        /// <summary>
        /// The callback with the cleanup ahead of its own statements, which typically clear the very members the cleanup
        /// reads (<c>Pads = null</c>). A body written on one line (<c>=> Pads = null;</c>, <c>{ }</c>) becomes a block
        /// laid out by the formatter.
        /// </summary>
        private static MethodDeclarationSyntax WithCleanupFirst(MethodDeclarationSyntax declaration, IReadOnlyList<StatementSyntax> cleanup)
        {
            if (declaration.Body is { } body && body.ToString().IndexOf('\n') >= 0)
            {
                return declaration.WithBody(body.WithStatements(body.Statements.InsertRange(0, cleanup)));
            }

            var own = declaration.Body?.Statements ?? SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(declaration.ExpressionBody!.Expression.WithoutTrivia()));
            var block = SyntaxFactory.Block(cleanup.Concat(own))
                .WithTrailingTrivia(declaration.Body?.CloseBraceToken.TrailingTrivia ?? declaration.SemicolonToken.TrailingTrivia)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var withBlock = declaration.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
            var beforeBlock = withBlock.Body!.OpenBraceToken.GetPreviousToken();
            return withBlock.ReplaceToken(beforeBlock, beforeBlock.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
        }

        /// <summary><c>private static void CleanupPads</c> becomes <c>internal static void CleanupPads</c>, its trivia kept.</summary>
        private static MethodDeclarationSyntax MadeInternal(MethodDeclarationSyntax method)
        {
            var modifiers = method.Modifiers;
            var @private = modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PrivateKeyword));
            if (@private.IsKind(SyntaxKind.PrivateKeyword))
            {
                return method.WithModifiers(modifiers.Replace(@private, SyntaxFactory.Token(@private.LeadingTrivia, SyntaxKind.InternalKeyword, @private.TrailingTrivia)));
            }

            // Private by default: `static void CleanupPads` (a helper is static, so a modifier is there to go before).
            var first = modifiers[0];
            return method.WithModifiers(modifiers
                .Replace(first, first.WithLeadingTrivia())
                .Insert(0, SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.InternalKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        /// <summary>One cleanup statement and the release callback it moves to.</summary>
        internal sealed class Move
        {
            public Move(DocumentId document, ExpressionStatementSyntax cleanup, ISymbol variable, IMethodSymbol callback, MethodDeclarationSyntax declaration,
                DocumentId callbackDocument, ImmutableArray<MethodDeclarationSyntax> madeInternal)
            {
                Document = document;
                Cleanup = cleanup;
                Variable = variable;
                Callback = callback;
                Declaration = declaration;
                CallbackDocument = callbackDocument;
                MadeInternal = madeInternal;
            }

            /// <summary>The document of the cleanup statement.</summary>
            public DocumentId Document { get; }

            /// <summary>The statement after the release: <c>CleanupPads(ved.Pads);</c>.</summary>
            public ExpressionStatementSyntax Cleanup { get; }

            /// <summary>The released variable, which becomes <c>this</c> in the callback.</summary>
            public ISymbol Variable { get; }

            public IMethodSymbol Callback { get; }

            public MethodDeclarationSyntax Declaration { get; }

            public DocumentId CallbackDocument { get; }

            /// <summary>Private helpers of the site's type the moved statement calls, made internal so the callback can.</summary>
            public ImmutableArray<MethodDeclarationSyntax> MadeInternal { get; }
        }
    }
}
