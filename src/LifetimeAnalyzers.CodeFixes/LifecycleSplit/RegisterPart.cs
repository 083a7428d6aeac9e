using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// What leaves the constructor for <c>Register</c>: the statements that publish the object (subscriptions,
    /// <c>Start()</c>, <c>bus.Register(this)</c>), in their order, and timers created running, which are created
    /// stopped instead and started by <c>Register</c>.
    /// </summary>
    internal sealed class RegisterPart
    {
        private RegisterPart(ImmutableArray<StatementSyntax> moved, ImmutableArray<TimerStart> timers, ImmutableArray<IParameterSymbol> parameters, ImmutableArray<IFieldSymbol> assignedFields)
        {
            Moved = moved;
            Timers = timers;
            Parameters = parameters;
            AssignedFields = assignedFields;
        }

        public static RegisterPart Empty { get; } = new RegisterPart(
            ImmutableArray<StatementSyntax>.Empty, ImmutableArray<TimerStart>.Empty, ImmutableArray<IParameterSymbol>.Empty, ImmutableArray<IFieldSymbol>.Empty);

        /// <summary>Constructor statements that move whole into <c>Register</c>.</summary>
        public ImmutableArray<StatementSyntax> Moved { get; }

        public ImmutableArray<TimerStart> Timers { get; }

        /// <summary>The constructor parameters <c>Register</c> needs, in declaration order.</summary>
        public ImmutableArray<IParameterSymbol> Parameters { get; }

        /// <summary>Fields the moved statements assign: no longer assigned in the constructor, so no longer readonly.</summary>
        public ImmutableArray<IFieldSymbol> AssignedFields { get; }

        public bool IsEmpty => Moved.IsEmpty && Timers.IsEmpty;

        /// <summary>The body of <c>Register</c>, in the constructor's order.</summary>
        public IEnumerable<StatementSyntax> Statements(ConstructorDeclarationSyntax constructor) =>
            constructor.Body!.Statements
                .Select(s => Moved.Contains(s) ? s : Timers.FirstOrDefault(t => t.Statement == s)?.Start)
                .Where(s => s is not null)!;

        /// <summary>The split of the constructor's registrations; null when one cannot leave the constructor unchanged in meaning.</summary>
        public static RegisterPart? Find(ConstructorDeclarationSyntax constructor, SemanticModel model, LifetimeContext lifetime, CancellationToken cancellationToken)
        {
            if (constructor.Body is not { } body || model.GetOperation(constructor, cancellationToken) is not IConstructorBodyOperation operation)
            {
                return null;
            }

            var moved = new List<StatementSyntax>();
            var timers = new List<TimerStart>();
            foreach (var registration in Registrations.InBody(operation, lifetime, cancellationToken))
            {
                var statement = registration.Operation.Syntax.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == body);
                if (statement is null || statement == registration.Operation.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>())
                {
                    // Registered inside a branch, a loop or a local's declaration: it cannot move without what surrounds it.
                    return null;
                }

                if (TimerStart.Of(statement, registration, lifetime.Symbols) is { } timer)
                {
                    timers.Add(timer);
                }
                else if (!moved.Contains(statement))
                {
                    moved.Add(statement);
                }
            }

            var parameters = new List<IParameterSymbol>();
            var assigned = new List<IFieldSymbol>();
            foreach (var name in moved.Cast<SyntaxNode>().Concat(timers.SelectMany(t => t.StartArguments).Cast<SyntaxNode>()).SelectMany(n => n.DescendantNodes()).OfType<IdentifierNameSyntax>())
            {
                switch (model.GetSymbolInfo(name, cancellationToken).Symbol)
                {
                    case ILocalSymbol:
                        return null;
                    case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, model.GetDeclaredSymbol(constructor, cancellationToken)):
                        if (!parameters.Contains(parameter, SymbolEqualityComparer.Default))
                        {
                            parameters.Add(parameter);
                        }

                        break;
                    case IFieldSymbol field when IsAssigned(name):
                        if ((field.IsReadOnly || field.Type.IsReferenceType) && !IsAloneInItsDeclaration(field, constructor, cancellationToken))
                        {
                            // It may lose readonly, or become nullable, to be assigned in Register: only a declaration of its own allows that.
                            return null;
                        }

                        if (!assigned.Contains(field, SymbolEqualityComparer.Default))
                        {
                            assigned.Add(field);
                        }

                        break;
                }
            }

            return new RegisterPart(moved.ToImmutableArray(), timers.ToImmutableArray(), parameters.OrderBy(p => p.Ordinal).ToImmutableArray(), assigned.ToImmutableArray());
        }

        private static bool IsAloneInItsDeclaration(IFieldSymbol field, ConstructorDeclarationSyntax constructor, CancellationToken cancellationToken) =>
            field.DeclaringSyntaxReferences.Length == 1
            && field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } }
            && field.DeclaringSyntaxReferences[0].SyntaxTree == constructor.SyntaxTree;

        private static bool IsAssigned(IdentifierNameSyntax name)
        {
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
            return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target;
        }
    }
}
