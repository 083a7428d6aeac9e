using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// What the teardown becomes: the steps that undo registrations leave it for <c>Unregister</c> (with the stop
    /// signals before them), the undos nothing performs are written there, and the objects the constructor created
    /// and nothing releases are released at its end, newest first.
    /// </summary>
    internal sealed class TeardownPart
    {
        private TeardownPart(MethodDeclarationSyntax? teardown, BlockSyntax? block, int unregisterAt, ImmutableArray<StatementSyntax> movedUndos,
            ImmutableArray<string> insertedUndos, ImmutableArray<IFieldSymbol> unreleased)
        {
            Teardown = teardown;
            Block = block;
            UnregisterAt = unregisterAt;
            MovedUndos = movedUndos;
            InsertedUndos = insertedUndos;
            Unreleased = unreleased;
        }

        /// <summary>The existing teardown (<c>Dispose(bool)</c>, <c>Dispose()</c>, the release callback, <c>DisposeAsync</c>, <c>Close</c>, a configured one).</summary>
        public MethodDeclarationSyntax? Teardown { get; }

        /// <summary>Where the teardown releases: its body, or the <c>if (disposing)</c> block of <c>Dispose(bool)</c>.</summary>
        public BlockSyntax? Block { get; }

        /// <summary>The index in <see cref="Block"/> of the first step, where <c>Unregister()</c> is called.</summary>
        public int UnregisterAt { get; }

        public ImmutableArray<StatementSyntax> MovedUndos { get; }

        public ImmutableArray<string> InsertedUndos { get; }

        /// <summary>Disposable fields the object creates and never releases, the last created first.</summary>
        public ImmutableArray<IFieldSymbol> Unreleased { get; }

        public bool HasUnregister => !MovedUndos.IsEmpty || !InsertedUndos.IsEmpty;

        /// <summary>
        /// The teardown's one undo step when it already calls a helper of the object's own (<c>StopThread();</c>): that
        /// helper is the unregister step, and only moves to the front, rather than being wrapped in another method.
        /// </summary>
        public ExpressionStatementSyntax? ExistingUnregister =>
            InsertedUndos.IsEmpty && MovedUndos.Length == 1
            && MovedUndos[0] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: IdentifierNameSyntax, ArgumentList.Arguments.Count: 0 } } call
                ? call
                : null;

        public bool NeedsUnregisterMethod => HasUnregister && ExistingUnregister is null;

        /// <summary>Whether the split changes the teardown at all.</summary>
        public bool Changes =>
            NeedsUnregisterMethod || !Unreleased.IsEmpty || (ExistingUnregister is { } existing && Block!.Statements.IndexOf(existing) != UnregisterAt);

        /// <summary>Whether an undo step awaits (<c>await _timer.DisposeAsync()</c>): then the undo steps form an async <c>UnregisterAsync</c>.</summary>
        public bool UnregistersAsync => MovedUndos.Any(s => s.DescendantTokens().Any(t => t.IsKind(SyntaxKind.AwaitKeyword)));

        public string UnregisterName => UnregistersAsync ? "UnregisterAsync" : "Unregister";

        public static TeardownPart? Find(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SemanticModel model, LifetimeContext lifetime, CancellationToken cancellationToken)
        {
            var teardown = Choose(declaration, model, lifetime, cancellationToken);
            if (teardown is not null && teardown.Body is null)
            {
                return null;
            }

            var block = teardown is null ? null : ReleaseBlock(teardown);
            var events = teardown is not null && model.GetOperation(teardown, cancellationToken) is { } body
                ? Teardowns.Events(body, lifetime, cancellationToken)
                : ImmutableArray<TeardownEvent>.Empty;

            var moved = new HashSet<StatementSyntax>();
            var inserted = new List<string>();
            var facts = TypeFacts.Compute(type, lifetime, cancellationToken);
            foreach (var registration in facts.Registrations)
            {
                if (events.FirstOrDefault(e => e.Undoes(registration)) is { } undo)
                {
                    if (block is not null && StepIn(block, undo.Operation.Syntax) is { } statement)
                    {
                        AddWithStopSignals(block, statement, moved);
                    }
                }
                else if ((registration.Undo.Statement() ?? PairedUnregistration.Statement(registration)) is { } written && !inserted.Contains(written))
                {
                    inserted.Add(written);
                }
            }

            var unregisterAt = block is null ? 0 : FirstStep(block, events);
            var tokens = facts.Registrations.Select(r => r.Undo.Token).Where(t => t is { IsThis: true, Members.Length: 1 }).Select(t => t!.Members[0]).ToList();
            var released = events.Where(e => e.Kind == TeardownEventKind.Release).Select(e => e.Member).ToList();
            var unreleased = OwnedFields.NeverLetGo(type, declaration, model, lifetime, cancellationToken)
                .Where(f => !released.Contains(f, SymbolEqualityComparer.Default) && !tokens.Contains(f, SymbolEqualityComparer.Default))
                .Reverse()
                .ToImmutableArray();

            return new TeardownPart(teardown, block, unregisterAt, block is null ? ImmutableArray<StatementSyntax>.Empty : block.Statements.Where(moved.Contains).ToImmutableArray(),
                inserted.ToImmutableArray(), unreleased);
        }

        /// <summary>The teardown the others call: <c>Dispose(bool)</c> before <c>Dispose()</c>, then the release callback, then the rest.</summary>
        private static MethodDeclarationSyntax? Choose(ClassDeclarationSyntax declaration, SemanticModel model, LifetimeContext lifetime, CancellationToken cancellationToken)
        {
            MethodDeclarationSyntax? best = null;
            var bestRank = int.MaxValue;
            foreach (var member in declaration.Members.OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(member, cancellationToken) is not { } method
                    || !Teardowns.IsTeardown(method, lifetime)
                    || method.Name == "Stop")
                {
                    // A Stop() is often a pause that a Start() undoes: disposing in it would break the next start.
                    continue;
                }

                var rank = method.Name switch
                {
                    "Dispose" when method.Parameters.Length == 1 => 0,
                    "Dispose" => 1,
                    _ when Releases.IsReleaseCallback(method) => 2,
                    "DisposeAsync" => 3,
                    _ => 4,
                };
                if (rank < bestRank)
                {
                    (best, bestRank) = (member, rank);
                }
            }

            return best;
        }

        private static BlockSyntax ReleaseBlock(MethodDeclarationSyntax teardown) =>
            teardown.ParameterList.Parameters.Count == 1
            && teardown.Body!.Statements.OfType<IfStatementSyntax>().FirstOrDefault(i => i.Condition is IdentifierNameSyntax name && name.Identifier.ValueText == teardown.ParameterList.Parameters[0].Identifier.ValueText)
                is { Statement: BlockSyntax disposing, Else: null }
                ? disposing
                : teardown.Body!;

        private static StatementSyntax? StepIn(BlockSyntax block, SyntaxNode syntax) =>
            syntax.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);

        private static void AddWithStopSignals(BlockSyntax block, StatementSyntax statement, HashSet<StatementSyntax> moved)
        {
            moved.Add(statement);
            for (var i = block.Statements.IndexOf(statement) - 1; i >= 0 && StopSignals.Is(block.Statements[i]); i--)
            {
                moved.Add(block.Statements[i]);
            }
        }

        private static int FirstStep(BlockSyntax block, ImmutableArray<TeardownEvent> events)
        {
            var steps = events.Select(e => StepIn(block, e.Operation.Syntax)).Where(s => s is not null).Select(s => block.Statements.IndexOf(s!)).ToList();
            return steps.Count == 0 ? 0 : steps.Min();
        }
    }
}
