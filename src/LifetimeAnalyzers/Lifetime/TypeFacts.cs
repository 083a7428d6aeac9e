using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What a type's own code sets up over the object's life, outside its teardown: the registrations it makes,
    /// and which of its fields were built from which (the dependents). Computed once per type, at its end, from the
    /// bodies of all its members but the teardowns: the driver has bound them all by then, and reading a bound body
    /// costs less than telling from its text whether it is worth reading.
    /// </summary>
    internal sealed class TypeFacts
    {
        private readonly ConcurrentDictionary<Registration, IReadOnlyDictionary<ISymbol, MemberAccess>> _uses =
            new ConcurrentDictionary<Registration, IReadOnlyDictionary<ISymbol, MemberAccess>>();

        private IReadOnlyDictionary<ISymbol, MemberAccess>? _wholeInstanceUses;

        private TypeFacts(INamedTypeSymbol type, ImmutableArray<Registration> registrations, ImmutableArray<Dependent> dependents)
        {
            Type = type;
            Registrations = registrations;
            Dependents = dependents;
        }

        public INamedTypeSymbol Type { get; }

        public ImmutableArray<Registration> Registrations { get; }

        public ImmutableArray<Dependent> Dependents { get; }

        public static TypeFacts Compute(INamedTypeSymbol type, LifetimeContext context, CancellationToken cancellationToken)
        {
            var dependents = ImmutableArray.CreateBuilder<Dependent>();
            var bodies = new List<IOperation>();
            // Constructors first: what they create, other methods start.
            foreach (var member in type.GetMembers().OfType<IMethodSymbol>().OrderBy(m => m.MethodKind == MethodKind.Constructor ? 0 : 1))
            {
                if (Teardowns.IsTeardown(member, context)
                    || MethodBodies.Get(member, context.Compilation, cancellationToken) is not { } body)
                {
                    continue;
                }

                bodies.Add(body);
                // The assignments are among the operations the search for registrations reads: the body is walked once for both.
                foreach (var operation in BodyIndex.Of(body, context, cancellationToken).MayRegister)
                {
                    if (operation is ISimpleAssignmentOperation assignment && Teardowns.OwnMember(assignment.Target) is { } dependent)
                    {
                        foreach (var resource in ResourcesIn(assignment.Value))
                        {
                            dependents.Add(new Dependent(dependent, resource, assignment));
                        }
                    }
                }
            }

            return new TypeFacts(type, Lifetime.Registrations.InBodies(bodies, context, cancellationToken), dependents.ToImmutable());
        }

        /// <summary>The fields and properties of <c>this</c> the registration's callbacks use, read or written.</summary>
        public IReadOnlyDictionary<ISymbol, MemberAccess> UsesOf(Registration registration, LifetimeContext context, CancellationToken cancellationToken)
        {
            if (registration is { WholeInstance: true, Callbacks.IsEmpty: true, Lambdas.IsEmpty: true })
            {
                // Handing over the object lets its type's entry points run, whichever registration hands it.
                return _wholeInstanceUses ??= CallbackReach.UsesOf(registration, Type, context, cancellationToken);
            }

            if (!_uses.TryGetValue(registration, out var uses))
            {
                uses = _uses.GetOrAdd(registration, CallbackReach.UsesOf(registration, Type, context, cancellationToken));
            }

            return uses;
        }

        /// <summary>
        /// A constructor told not to own what it is given (<c>leaveOpen: true</c>, <c>shouldDispose: false</c>): the new
        /// object will not touch it when it is released, so it does not depend on it then.
        /// </summary>
        private static bool LeavesOpen(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean } parameter && argument.Value.ConstantValue is { HasValue: true, Value: bool value })
                {
                    var name = parameter.Name.ToLowerInvariant();
                    if ((name.Contains("leaveopen") && value) || ((name.Contains("dispose") || name.Contains("own")) && !value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The object's own fields a new value is built from: passed to its constructor, or the object a call is made on.</summary>
        private static IEnumerable<ISymbol> ResourcesIn(IOperation value)
        {
            switch (AccessPaths.SkipConversions(value))
            {
                case IObjectCreationOperation creation when !LeavesOpen(creation):
                    foreach (var argument in creation.Arguments)
                    {
                        if (Teardowns.OwnMember(argument.Value) is { } resource)
                        {
                            yield return resource;
                        }
                    }

                    break;
                case IInvocationOperation { Instance: { } instance } when Teardowns.OwnMember(instance) is { } source:
                    yield return source;
                    break;
            }
        }
    }

    /// <summary>A field built from another field of the same object: it must be released first.</summary>
    internal sealed class Dependent
    {
        public Dependent(ISymbol member, ISymbol resource, IOperation assignment)
        {
            Member = member;
            Resource = resource;
            Assignment = assignment;
        }

        /// <summary>The dependent field, <c>_sensor</c>.</summary>
        public ISymbol Member { get; }

        /// <summary>The field it was built from, <c>_bus</c>.</summary>
        public ISymbol Resource { get; }

        /// <summary>Where it was built: <c>_sensor = new Sensor(_bus)</c>.</summary>
        public IOperation Assignment { get; }
    }
}
