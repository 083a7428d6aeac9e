using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>
    /// LIFE003: a teardown releases a resource while a registered callback, or a dependent field, can still use it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReleaseWhileRegisteredAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the span (<c>start:length</c>) of the step to move before the release.</summary>
        public const string MoveFirst = nameof(MoveFirst);

        /// <summary>Diagnostic property: the statement to insert at the start of the teardown when nothing undoes the registration.</summary>
        public const string InsertFirst = nameof(InsertFirst);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LIFE003ReleaseWhileRegistered);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lifetime = LifetimeContext.For(start.Compilation, start.Options);
                BodiesAtTypeEnd.Register(start, method => Teardowns.IsTeardown(method, lifetime), teardowns => AnalyzeTeardowns(teardowns, lifetime), OperationKind.MethodBody);
            });
        }

        /// <summary>
        /// The teardowns of one type. The type's facts come first: most types register nothing and keep no field built from
        /// another, and then the teardowns' steps, whose releases through helpers need the helpers' summaries, are not
        /// worth finding. The facts are not kept: they hold operations, whose semantic model holds every bound body of
        /// their file.
        /// </summary>
        private static void AnalyzeTeardowns(IReadOnlyList<TypeEndBody> teardowns, LifetimeContext lifetime)
        {
            var facts = TypeFacts.Compute(teardowns[0].Method.ContainingType, lifetime, teardowns[0].CancellationToken);
            if (facts.Registrations.IsEmpty && facts.Dependents.IsEmpty)
            {
                return;
            }

            foreach (var teardown in teardowns)
            {
                AnalyzeTeardown(teardown, lifetime, facts);
            }
        }

        private static void AnalyzeTeardown(TypeEndBody context, LifetimeContext lifetime, TypeFacts facts)
        {
            var events = Teardowns.Events(context.Operation, lifetime, context.CancellationToken);
            var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var i = 0; i < events.Length; i++)
            {
                if (OwnRelease(events[i]) is not { } resource || reported.Contains(resource))
                {
                    continue;
                }

                if (StillRegistered(context, lifetime, facts, events, i) || StillDepended(context, facts, events, i))
                {
                    reported.Add(resource);
                }
            }
        }

        /// <summary>The member a teardown step releases itself (not inside another object's teardown), if it is one.</summary>
        private static ISymbol? OwnRelease(TeardownEvent step) =>
            step is { Kind: TeardownEventKind.Release, Member: { } member, InsideOtherTeardown: false } ? member : null;

        /// <summary>Case 1: a registration whose callbacks use the resource is undone only later, or never.</summary>
        private static bool StillRegistered(TypeEndBody context, LifetimeContext lifetime, TypeFacts facts, ImmutableArray<TeardownEvent> events, int index)
        {
            var release = events[index];
            if (IsStopSignal(release.Member!, lifetime))
            {
                return false;
            }

            foreach (var registration in facts.Registrations)
            {
                // What the registration's callbacks use is found last: an idiomatic teardown has undone it already.
                if (IsTokenOf(registration, release.Member!)
                    || EndsWithItsMethod(registration)
                    || events.Take(index).Any(e => e.Undoes(registration))
                    || !facts.UsesOf(registration, lifetime, context.CancellationToken).TryGetValue(release.Member!, out var use)
                    || use.Caught
                    || GuardedBySameLock(use, release, events))
                {
                    continue;
                }

                var later = events.Skip(index + 1).FirstOrDefault(e => e.Undoes(registration));
                if (later?.Operation == release.Operation)
                {
                    // Released and unregistered inside one call: its own order is that method's business.
                    continue;
                }
                var who = $"the callback '{use.Reader}' registered by {registration.Description}";
                var where = later is null ? "; nothing in this teardown unregisters it" : $"; it is unregistered only later, by {Describe.Quoted(later.Operation.Syntax)}";
                var properties = later is not null ? Properties(MoveFirst, Span(later.Operation))
                    : registration.Undo.Statement() is { } insert ? Properties(InsertFirst, insert)
                    : ImmutableDictionary<string, string?>.Empty;
                var additional = new List<Location> { registration.Operation.Syntax.GetLocation(), use.Operation.Syntax.GetLocation() };
                if (later is not null)
                {
                    additional.Add(later.Operation.Syntax.GetLocation());
                }

                Report(context, release, who, where, additional, properties);
                return true;
            }

            return false;
        }

        /// <summary>Case 2: a field built from the resource is released only after it.</summary>
        private static bool StillDepended(TypeEndBody context, TypeFacts facts, ImmutableArray<TeardownEvent> events, int index)
        {
            var release = events[index];
            foreach (var dependent in facts.Dependents)
            {
                if (!SymbolEqualityComparer.Default.Equals(dependent.Resource, release.Member)
                    || events.Skip(index + 1).FirstOrDefault(e => e.Kind == TeardownEventKind.Release && !e.Nulled && SymbolEqualityComparer.Default.Equals(e.Member, dependent.Member)) is not { } later)
                {
                    continue;
                }

                var who = $"'{dependent.Member.Name}', built from it in {Describe.Quoted(dependent.Assignment.Syntax)},";
                var where = $"; '{dependent.Member.Name}' is released only later, by {Describe.Quoted(later.Operation.Syntax)}";
                var additional = new List<Location> { dependent.Assignment.Syntax.GetLocation(), later.Operation.Syntax.GetLocation() };
                Report(context, release, who, where, additional, Properties(MoveFirst, Span(later.Operation)));
                return true;
            }

            return false;
        }

        /// <summary>Releasing the registration's own token (the timer, the subscription) is the unregistration, not a use.</summary>
        private static bool IsTokenOf(Registration registration, ISymbol member) =>
            registration.Undo.Token is { IsThis: true, Members.Length: 1 } token && SymbolEqualityComparer.Default.Equals(token.Members[0].OriginalDefinition, member);

        /// <summary>A subscription to an event of a local of the registering method lives no longer than that local.</summary>
        private static bool EndsWithItsMethod(Registration registration) =>
            registration.Undo.Kind == UndoKind.Unsubscribe && registration.Undo.EventSource?.Root is ILocalSymbol;

        /// <summary>A cancellation source cancelled to stop a worker is the stop signal, not a resource it works on.</summary>
        private static bool IsStopSignal(ISymbol member, LifetimeContext lifetime) =>
            member switch
            {
                IFieldSymbol field => SymbolFacts.Is(field.Type, lifetime.Symbols.CancellationTokenSource),
                IPropertySymbol property => SymbolFacts.Is(property.Type, lifetime.Symbols.CancellationTokenSource),
                _ => false,
            };

        /// <summary>
        /// A callback that touches the resource only under the object's lock, and a teardown that releases and clears
        /// it under the same lock: the callback sees either the live resource or null, never a released one.
        /// </summary>
        private static bool GuardedBySameLock(MemberAccess use, TeardownEvent release, ImmutableArray<TeardownEvent> events) =>
            use.GuardedBy is { } guard && SymbolEqualityComparer.Default.Equals(release.Lock, guard)
            && events.Any(e => e.Kind == TeardownEventKind.Release && e.Nulled && SymbolEqualityComparer.Default.Equals(e.Member, release.Member)
                && SymbolEqualityComparer.Default.Equals(e.Lock, guard));

        private static void Report(TypeEndBody context, TeardownEvent release, string who, string where, List<Location> additional, ImmutableDictionary<string, string?> properties) =>
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.LIFE003ReleaseWhileRegistered,
                release.Operation.Syntax.GetLocation(),
                additionalLocations: additional,
                properties: properties,
                messageArgs: new object[] { release.Member!.Name, who, where }));

        private static ImmutableDictionary<string, string?> Properties(string key, string value) => ImmutableDictionary<string, string?>.Empty.Add(key, value);

        private static string Span(IOperation operation) => SpanProperty.Format(operation.Syntax.Span);
    }
}
