using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>Carries out a <see cref="LifecyclePlan"/>: the class, its construction sites, and the cleanup done after its release elsewhere.</summary>
    internal static class LifecycleRewriter
    {
        public static async Task<Solution> ApplyAsync(LifecyclePlan plan, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(plan.Document.Project.Solution);
            await FactoryConstruction.RewriteSitesAsync(editor, plan.Sites, plan.Type, cancellationToken).ConfigureAwait(false);
            var typeEditor = await editor.GetDocumentEditorAsync(plan.Document.Id, cancellationToken).ConfigureAwait(false);
            var nullable = NowNullable(plan.Register.AssignedFields, typeEditor.SemanticModel);

            AddRegisterAndUnregister(typeEditor, plan, nullable);
            SplitConstructor(typeEditor, plan);
            RewriteTeardown(typeEditor, plan, nullable);
            MakeWritable(typeEditor, plan, nullable, cancellationToken);

            var document = editor.GetChangedSolution().GetDocument(plan.Document.Id)!;
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            var solution = document.Project.Solution;
            return plan.HasReleaseCallback ? await MoveCleanupIntoCallbackAsync(solution, plan, cancellationToken).ConfigureAwait(false) : solution;
        }

        /// <summary><c>Register</c> and <c>Unregister</c>, after the constructor (or before the teardown when there is none).</summary>
        private static void AddRegisterAndUnregister(DocumentEditor editor, LifecyclePlan plan, List<IFieldSymbol> nullable)
        {
            var members = new List<SyntaxNode>();
            if (!plan.Register.IsEmpty && plan.Constructor is { } constructor)
            {
                members.Add(FactoryConstruction.Register(constructor, plan.Register.Statements(constructor), plan.Register.Parameters));
            }

            var teardown = plan.Teardown;
            if (teardown.NeedsUnregisterMethod)
            {
                var async = teardown.UnregistersAsync;
                members.Add(MethodDeclaration(async ? ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation) : PredefinedType(Token(SyntaxKind.VoidKeyword)), teardown.UnregisterName)
                    .WithModifiers(async ? TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.AsyncKeyword)) : TokenList(Token(SyntaxKind.PrivateKeyword)))
                    .WithBody(Block(teardown.InsertedUndos.Select(s => ParseStatement(s))
                        .Concat(teardown.MovedUndos.Select(s => ConditionalOn(s, nullable, editor.SemanticModel).WithoutLeadingTrivia()))))
                    .WithAdditionalAnnotations(Formatter.Annotation));
            }

            if (members.Count > 0)
            {
                editor.InsertAfter((SyntaxNode?)plan.Constructor ?? teardown.Teardown ?? plan.Declaration.Members.Last(), members);
            }
        }

        /// <summary>The constructor keeps init only and becomes private; a <c>Create</c> factory before it constructs, then registers.</summary>
        private static void SplitConstructor(DocumentEditor editor, LifecyclePlan plan)
        {
            var register = plan.Register;
            if (register.IsEmpty || plan.Constructor is not { Body: { } body } constructor)
            {
                return;
            }

            var kept = body.Statements
                .Where(s => !register.Moved.Contains(s))
                .Select(s => register.Timers.FirstOrDefault(t => t.Statement == s)?.Stopped.WithTriviaFrom(s) ?? s);
            editor.InsertBefore(constructor, FactoryConstruction.Factory(constructor, register.Parameters));
            editor.ReplaceNode(constructor, FactoryConstruction.MakePrivate(constructor.WithBody(body.WithStatements(List(kept)))));
        }

        /// <summary>
        /// The teardown calls <c>Unregister()</c> where its first step was, loses the undo steps, and ends with the missing
        /// releases; a class without a teardown gets <c>IDisposable</c> and a <c>Dispose()</c> that does this.
        /// </summary>
        private static void RewriteTeardown(DocumentEditor editor, LifecyclePlan plan, List<IFieldSymbol> nullable)
        {
            var teardown = plan.Teardown;
            var call = teardown.HasUnregister ? Call(teardown) : null;
            var releases = teardown.Unreleased.Select(Release).ToList();
            if (teardown.Block is not { } block)
            {
                if (call is not null || releases.Count > 0)
                {
                    var dispose = MethodDeclaration(PredefinedType(Token(SyntaxKind.VoidKeyword)), "Dispose")
                        .AddModifiers(Token(SyntaxKind.PublicKeyword))
                        .WithBody(Block((call is null ? Enumerable.Empty<StatementSyntax>() : new[] { call }).Concat(releases)))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    editor.AddMember(plan.Declaration, dispose);
                    editor.AddInterfaceType(plan.Declaration, ParseTypeName("global::System.IDisposable").WithAdditionalAnnotations(Simplifier.Annotation));
                }

                return;
            }

            var rebuilt = new List<StatementSyntax>();
            for (var i = 0; i < block.Statements.Count; i++)
            {
                if (i == teardown.UnregisterAt && call is not null)
                {
                    rebuilt.Add(call);
                }

                if (!teardown.MovedUndos.Contains(block.Statements[i]))
                {
                    rebuilt.Add(ConditionalOn(block.Statements[i], nullable, editor.SemanticModel));
                }
            }

            if (call is not null && !rebuilt.Contains(call))
            {
                rebuilt.Add(call);
            }

            rebuilt.AddRange(releases);
            editor.ReplaceNode(block, block.WithStatements(List(rebuilt)).WithAdditionalAnnotations(Formatter.Annotation));
        }

        /// <summary>Fields now assigned in <c>Register</c> lose <c>readonly</c>, and reference fields become nullable where the code is nullable-aware.</summary>
        private static void MakeWritable(DocumentEditor editor, LifecyclePlan plan, List<IFieldSymbol> nullable, CancellationToken cancellationToken)
        {
            foreach (var field in plan.Register.AssignedFields)
            {
                if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax declaration } }
                    && declaration.SyntaxTree == plan.Declaration.SyntaxTree)
                {
                    editor.ReplaceNode(declaration, Writable(declaration, nullable.Contains(field, SymbolEqualityComparer.Default)));
                }
            }
        }

        /// <summary>Cleanup that code elsewhere does after the object's release becomes part of its release callback.</summary>
        private static async Task<Solution> MoveCleanupIntoCallbackAsync(Solution solution, LifecyclePlan plan, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(plan.Document.Id)!;
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var type = compilation is null ? null : SymbolFinder.FindSimilarSymbols(plan.Type, compilation, cancellationToken).FirstOrDefault();
            return type is null ? solution : await ReleaseCallbackCleanup.MoveUsesAfterReleaseIntoCallbackAsync(solution, type, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Reference fields that stop being assigned in the constructor and so become nullable, where the code is nullable-aware.</summary>
        private static List<IFieldSymbol> NowNullable(IEnumerable<IFieldSymbol> fields, SemanticModel model) =>
            fields.Where(f => f.Type.IsReferenceType && f.NullableAnnotation == NullableAnnotation.NotAnnotated
                && f.Locations.FirstOrDefault() is { } location && model.GetNullableContext(location.SourceSpan.Start).AnnotationsEnabled()).ToList();

        private static FieldDeclarationSyntax Writable(FieldDeclarationSyntax declaration, bool nullable)
        {
            var modifiers = TokenList(declaration.Modifiers.Where(m => !m.IsKind(SyntaxKind.ReadOnlyKeyword)));
            var variables = declaration.Declaration;
            if (nullable && variables.Type is not NullableTypeSyntax)
            {
                variables = variables.WithType(NullableType(variables.Type.WithoutTrailingTrivia()).WithTrailingTrivia(variables.Type.GetTrailingTrivia()));
            }

            return declaration.WithModifiers(modifiers).WithDeclaration(variables);
        }

        /// <summary><c>_f.M()</c> on a field that became nullable is written <c>_f?.M()</c>.</summary>
        private static StatementSyntax ConditionalOn(StatementSyntax statement, List<IFieldSymbol> nullable, SemanticModel model)
        {
            if (nullable.Count == 0
                || statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation } expression
                || model.GetSymbolInfo(access.Expression).Symbol is not IFieldSymbol field
                || !nullable.Contains(field, SymbolEqualityComparer.Default))
            {
                return statement;
            }

            return expression.WithExpression(ConditionalAccessExpression(access.Expression, InvocationExpression(MemberBindingExpression(access.Name), invocation.ArgumentList)));
        }

        private static StatementSyntax Release(IFieldSymbol field)
        {
            var target = IdentifierName(field.Name);
            var dispose = field.NullableAnnotation == NullableAnnotation.Annotated
                ? (ExpressionSyntax)ConditionalAccessExpression(target, InvocationExpression(MemberBindingExpression(IdentifierName("Dispose"))))
                : InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName("Dispose")));
            return ExpressionStatement(dispose).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary><c>Unregister();</c>, <c>await UnregisterAsync();</c> when the undo steps await, or the existing helper's call.</summary>
        private static StatementSyntax Call(TeardownPart teardown)
        {
            if (teardown.ExistingUnregister is { } existing)
            {
                return existing.WithoutLeadingTrivia();
            }

            var call = InvocationExpression(IdentifierName(teardown.UnregisterName));
            return ExpressionStatement(teardown.UnregistersAsync ? AwaitExpression(call) : call);
        }
    }
}
