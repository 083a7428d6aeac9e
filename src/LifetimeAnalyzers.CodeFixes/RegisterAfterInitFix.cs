using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>LIFE002 fix: move the registering statement after the last assignment its callbacks read.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegisterAfterInitFix)), Shared]
    public sealed class RegisterAfterInitFix : CodeFixProvider
    {
        private const string EquivalenceKey = nameof(RegisterAfterInitFix);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LIFE002RegistrationBeforeInit.Id);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
            await MoveAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (DeferredRegistration.Plan(root, model, diagnostic, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Register after initialisation", token => MoveAsync(context.Document, new[] { diagnostic }, token), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> MoveAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var plans = diagnostics
                .Select(d => DeferredRegistration.Plan(editor.OriginalRoot, editor.SemanticModel, d, cancellationToken))
                .OfType<DeferredRegistration>()
                .GroupBy(p => p.Registration)
                .Select(g => g.First())
                .ToList();

            // A registration cannot move behind a statement that is itself moving.
            var moving = new HashSet<StatementSyntax>(plans.Select(p => p.Registration));
            plans.RemoveAll(p => moving.Contains(p.After));

            // Several registrations moving behind one statement keep their order.
            foreach (var group in plans.GroupBy(p => p.After))
            {
                var statements = group.OrderBy(p => p.Registration.SpanStart).Select(p => p.Registration).ToList();
                foreach (var statement in statements)
                {
                    editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                }

                editor.InsertAfter(group.Key, statements.Select(s => s.WithoutLeadingTrivia().WithLeadingTrivia(group.Key.GetLeadingTrivia())));
            }

            return editor.GetChangedDocument();
        }
    }

    /// <summary>
    /// Where a registration can move: after the last late assignment, in the same block, when nothing in between
    /// uses what the registration produces or touches what it touches, and nothing in between jumps.
    /// </summary>
    internal sealed class DeferredRegistration
    {
        private DeferredRegistration(StatementSyntax registration, StatementSyntax after)
        {
            Registration = registration;
            After = after;
        }

        public StatementSyntax Registration { get; }

        public StatementSyntax After { get; }

        public static DeferredRegistration? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(RegistrationBeforeInitAnalyzer.LastLateAssignment, out var span)
                || SpanProperty.Parse(span) is not { } lastSpan
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } registration)
            {
                return null;
            }

            var after = StatementIn(block, root.FindNode(lastSpan));
            if (after is null || after.SpanStart <= registration.SpanStart)
            {
                return null;
            }

            var touched = Symbols(registration, model, cancellationToken);
            var between = block.Statements.Where(s => s.SpanStart > registration.SpanStart && s.SpanStart <= after.SpanStart).ToList();
            foreach (var statement in between)
            {
                if (statement.DescendantNodesAndSelf().Any(IsJumpOrOwnCall(model, cancellationToken)) || Symbols(statement, model, cancellationToken).Overlaps(touched))
                {
                    return null;
                }
            }

            return new DeferredRegistration(registration, after);
        }

        /// <summary>The statement of <paramref name="block"/> that contains <paramref name="node"/>.</summary>
        private static StatementSyntax? StatementIn(BlockSyntax block, SyntaxNode node) =>
            node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);

        /// <summary>The locals, parameters and fields a statement names: what it may read, write or hand over.</summary>
        private static HashSet<ISymbol> Symbols(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var name in statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol)
                {
                    symbols.Add(model.GetSymbolInfo(name, cancellationToken).Symbol!);
                }
            }

            foreach (var declarator in statement.DescendantNodesAndSelf().OfType<VariableDeclaratorSyntax>())
            {
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is { } local)
                {
                    symbols.Add(local);
                }
            }

            return symbols;
        }

        /// <summary>A jump changes what runs after the registration; a call on <c>this</c> may rely on it having happened.</summary>
        private static System.Func<SyntaxNode, bool> IsJumpOrOwnCall(SemanticModel model, CancellationToken cancellationToken) => node =>
            node is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or YieldStatementSyntax
            || (node is InvocationExpressionSyntax invocation
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { IsStatic: false } method
                && invocation.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax }
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken)?.ContainingType));
    }
}
