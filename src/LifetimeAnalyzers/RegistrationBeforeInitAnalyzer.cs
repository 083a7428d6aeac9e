using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers
{
    /// <summary>
    /// LIFE002: a constructor or init method registers <c>this</c> before assigning state its callbacks read.
    /// Also: a derived constructor assigns such state after its base constructor already registered.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RegistrationBeforeInitAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>How many base constructors up the chain a derived constructor looks for registrations.</summary>
        private const int MaxBaseConstructors = 4;

        /// <summary>Diagnostic property: the span (<c>start:length</c>) of the last late assignment, where the fix moves the registration.</summary>
        public const string LastLateAssignment = nameof(LastLateAssignment);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LIFE002RegistrationBeforeInit);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lifetime = LifetimeContext.For(start.Compilation, start.Options);
                BodiesAtTypeEnd.RegisterEach(start, IsInit, init => AnalyzeInit(init, lifetime), OperationKind.MethodBody, OperationKind.ConstructorBody);
            });
        }

        private static void AnalyzeInit(TypeEndBody context, LifetimeContext lifetime)
        {
            var method = context.Method;
            var type = method.ContainingType;

            var registrations = Registrations.InBody(context.Operation, lifetime, context.CancellationToken);
            var baseConstructor = method.MethodKind == MethodKind.Constructor ? BaseConstructor(method, lifetime, context) : null;
            if (registrations.IsEmpty && baseConstructor is null)
            {
                return;
            }

            var operation = context.Operation;
            var cancellationToken = context.CancellationToken;
            var order = InitOrder.Of(operation, registrations, () => lifetime.Graphs.Of(operation, cancellationToken)!, lifetime, cancellationToken);
            if (order.Assignments.IsEmpty)
            {
                return;
            }

            foreach (var (registration, following) in order.Following)
            {
                // What the callbacks read is worth finding out only when some assignment follows the registration.
                if (following.IsEmpty)
                {
                    continue;
                }

                var reads = CallbackReach.ReadsOf(registration, following.Select(a => a.Member), type, lifetime, cancellationToken);
                var late = following.Where(a => reads.ContainsKey(a.Member)).ToList();
                if (late.Count > 0)
                {
                    // The fix moves the registration after the last of them; the message names the first.
                    var last = late.OrderBy(a => a.Operation.Syntax.SpanStart).Last().Operation.Syntax.Span;
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(LastLateAssignment, SpanProperty.Format(last));
                    Report(context, registration.Operation.Syntax.GetLocation(), late[0], reads[late[0].Member], registration.Description, properties);
                }
            }

            if (baseConstructor is not null)
            {
                AnalyzeBaseRegistrations(context, lifetime, method, type, order.Assignments);
            }
        }

        /// <summary>
        /// The base constructor runs first: whatever it registers can call back into this type's overrides before
        /// any statement of this constructor has run.
        /// </summary>
        private static void AnalyzeBaseRegistrations(TypeEndBody context, LifetimeContext lifetime, IMethodSymbol constructor, INamedTypeSymbol type, ImmutableArray<LateAssignment> assignments)
        {
            var current = constructor;
            for (var level = 0; level < MaxBaseConstructors && BaseConstructor(current, lifetime, context) is { } baseConstructor; level++, current = baseConstructor)
            {
                if (MethodBodies.Get(baseConstructor, lifetime.Compilation, context.CancellationToken) is not { } body)
                {
                    return;
                }

                foreach (var registration in Registrations.InBody(body, lifetime, context.CancellationToken))
                {
                    var reads = CallbackReach.ReadsOf(registration, assignments.Select(a => a.Member), type, lifetime, context.CancellationToken);
                    if (assignments.FirstOrDefault(a => reads.ContainsKey(a.Member)) is { } late)
                    {
                        var description = "the base constructor's " + registration.Description;
                        Report(context, late.Operation.Syntax.GetLocation(), late, reads[late.Member], description, ImmutableDictionary<string, string?>.Empty, registration.Operation.Syntax.GetLocation());
                    }
                }
            }
        }

        /// <summary>The constructor <paramref name="constructor"/> chains to, when it is a base constructor with a source body.</summary>
        private static IMethodSymbol? BaseConstructor(IMethodSymbol constructor, LifetimeContext lifetime, TypeEndBody context)
        {
            var body = SymbolEqualityComparer.Default.Equals(constructor, context.Method)
                ? context.Operation as IConstructorBodyOperation
                : MethodBodies.Get(constructor, lifetime.Compilation, context.CancellationToken) as IConstructorBodyOperation;
            var chained = body?.Initializer?.DescendantsAndSelf().OfType<IInvocationOperation>().FirstOrDefault()?.TargetMethod
                ?? constructor.ContainingType.BaseType?.InstanceConstructors.FirstOrDefault(c => c.Parameters.IsEmpty);
            return chained is { MethodKind: MethodKind.Constructor } && !SymbolEqualityComparer.Default.Equals(chained.ContainingType, constructor.ContainingType)
                && SymbolFacts.IsInSource(chained) ? chained : null;
        }

        /// <summary>Instance constructors, and the init methods driver code uses in their place (<c>Init*</c>, <c>Initialize*</c>, <c>Probe*</c>).</summary>
        private static bool IsInit(IMethodSymbol method) =>
            !method.IsStatic && (method.MethodKind == MethodKind.Constructor
            || (method.MethodKind == MethodKind.Ordinary && (method.Name.StartsWith("Init", System.StringComparison.Ordinal) || method.Name.StartsWith("Probe", System.StringComparison.Ordinal))));

        private static void Report(TypeEndBody context, Location location, LateAssignment late, MemberAccess read, string registration,
            ImmutableDictionary<string, string?> properties, params Location[] more)
        {
            var additional = new List<Location> { late.Operation.Syntax.GetLocation(), read.Operation.Syntax.GetLocation() };
            additional.AddRange(more);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.LIFE002RegistrationBeforeInit,
                location,
                additionalLocations: additional,
                properties: properties,
                messageArgs: new object[] { late.Member.Name, registration, read.Reader }));
        }
    }
}
