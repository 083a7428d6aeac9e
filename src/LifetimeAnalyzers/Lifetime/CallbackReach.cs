using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What the code a registration lets run can touch: the callbacks themselves, the members of the object
    /// they call transitively, and for a registration of <c>this</c> itself every override and interface
    /// implementation of its type. Virtual calls resolve against the object's actual type.
    /// </summary>
    internal static class CallbackReach
    {
        /// <summary>Methods followed from one registration at most: reach is about a type's own members, which are few.</summary>
        private const int MaxMethods = 64;

        /// <summary>
        /// Which of <paramref name="members"/> (fields and properties of <c>this</c>, static fields of source types) the
        /// callbacks read, each with its first read; reads of other members met on the way may be listed too.
        /// <paramref name="actualType"/> is the type of <c>this</c> when the callbacks run, whose end the rules analyse at:
        /// its own methods are bound by then, and are read whatever they name. Methods of other types (its bases) that
        /// cannot name one of the members, even through the object's own, are not bound.
        /// </summary>
        public static IReadOnlyDictionary<ISymbol, MemberAccess> ReadsOf(Registration registration, IEnumerable<ISymbol> members, INamedTypeSymbol actualType, LifetimeContext context, CancellationToken cancellationToken) =>
            Walk(registration, actualType, context, reads: true, MentionReach.For(members, actualType), cancellationToken);

        /// <summary>The fields and properties of <c>this</c> the callbacks use at all, read or written, each with its first use.</summary>
        public static IReadOnlyDictionary<ISymbol, MemberAccess> UsesOf(Registration registration, INamedTypeSymbol actualType, LifetimeContext context, CancellationToken cancellationToken) =>
            Walk(registration, actualType, context, reads: false, mentions: null, cancellationToken);

        private static Dictionary<ISymbol, MemberAccess> Walk(Registration registration, INamedTypeSymbol actualType, LifetimeContext context, bool reads, MentionReach? mentions, CancellationToken cancellationToken)
        {
            var found = new Dictionary<ISymbol, MemberAccess>(SymbolEqualityComparer.Default);
            // For each member: the lock every access holds, or null once one access holds none (or another). Uses only.
            var guards = reads ? null : new Dictionary<ISymbol, ISymbol?>(SymbolEqualityComparer.Default);
            // For each member: whether every access sits in a try that catches what the access may throw. Uses only.
            var caught = reads ? null : new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            // Each method met, and whether every call met so far runs it inside a try that catches: then so does all it does.
            var visited = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            var pending = new Queue<(IOperation Body, string Reader, bool Caught)>();

            void Enqueue(IMethodSymbol method, bool callCaught)
            {
                method = Devirtualize(method, actualType);
                if (visited.TryGetValue(method, out var queuedCaught))
                {
                    // Read again, as not caught, when a call outside any such try is met after the first inside one.
                    if (queuedCaught && !callCaught)
                    {
                        visited[method] = false;
                        Read(method, bodyCaught: false);
                    }

                    return;
                }

                if (visited.Count < MaxMethods)
                {
                    visited.Add(method, callCaught);
                    Read(method, callCaught);
                }
            }

            void Read(IMethodSymbol method, bool bodyCaught)
            {
                if (WorthReading(method) && MethodBodies.Get(method, context.Compilation, cancellationToken) is { } body)
                {
                    pending.Enqueue((body, SymbolFacts.DisplayName(method), bodyCaught));
                }
            }

            // Reading a bound body costs less than the test by names that spares binding one: see ReadsOf.
            bool WorthReading(IMethodSymbol method) =>
                mentions is null
                || SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, actualType.OriginalDefinition)
                || mentions.CouldTouch(method, cancellationToken);

            foreach (var callback in registration.Callbacks)
            {
                Enqueue(callback, callCaught: false);
            }

            foreach (var lambda in registration.Lambdas)
            {
                pending.Enqueue((lambda, LambdaName(lambda, cancellationToken), false));
            }

            if (registration.WholeInstance)
            {
                foreach (var entry in context.EntryPoints.Of(actualType))
                {
                    Enqueue(entry, callCaught: false);
                }
            }

            while (pending.Count > 0)
            {
                var (body, reader, bodyCaught) = pending.Dequeue();
                foreach (var operation in BodyIndex.Of(body, context, cancellationToken).MembersAndCalls)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (MemberOf(operation) is { } member && (!reads || !IsWrittenOnly(operation)))
                    {
                        // Whether accesses hold a lock or expect failure matters to what a teardown may release, not to
                        // whether a callback reads a field before it is assigned.
                        if (guards is not null && caught is not null)
                        {
                            var guard = Locks.Around(operation, body);
                            guards[member] = guards.TryGetValue(member, out var known) && !SymbolEqualityComparer.Default.Equals(known, guard) ? null : guard;
                            caught[member] = (!caught.TryGetValue(member, out var allCaught) || allCaught) && InsideCatchingTry(operation, body, bodyCaught);
                        }

                        if (!found.ContainsKey(member))
                        {
                            found.Add(member, new MemberAccess(member, operation, reader));
                        }
                    }

                    // A try that catches around the call catches what the method called throws: the thread's loop that
                    // expects its stream to be closed under it (the close that unblocks a read) calls the read inside one.
                    if (OwnMethodRun(operation, actualType) is { } run)
                    {
                        Enqueue(run, caught is not null && InsideCatchingTry(operation, body, bodyCaught));
                    }
                }
            }

            if (guards is not null && caught is not null)
            {
                foreach (var access in found.Values)
                {
                    access.GuardedBy = guards[access.Member];
                    access.Caught = caught[access.Member];
                }
            }

            return found;
        }

        /// <summary>How a message names a lambda callback: <c>the lambda in Reader.Reader</c> for one in a constructor.</summary>
        private static string LambdaName(IOperation lambda, CancellationToken cancellationToken)
        {
            var symbol = lambda.SemanticModel?.GetEnclosingSymbol(lambda.Syntax.SpanStart, cancellationToken);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol is IMethodSymbol { ContainingType: { } type } method
                ? "lambda in " + type.Name + "." + (method.MethodKind == MethodKind.Constructor ? type.Name : method.Name)
                : "lambda";
        }

        /// <summary>
        /// Whether <paramref name="operation"/> runs inside a try that catches: one in <paramref name="root"/>, or one around
        /// every call that runs root (<paramref name="rootCaught"/>).
        /// </summary>
        private static bool InsideCatchingTry(IOperation operation, IOperation root, bool rootCaught)
        {
            if (rootCaught)
            {
                return true;
            }

            for (var current = operation; current.Parent is { } parent && current != root; current = parent)
            {
                if (parent is ITryOperation { Catches.IsEmpty: false } @try && @try.Body == current)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The object's own method an operation runs: a call on <c>this</c> (or a static one of its types), or a property's getter.</summary>
        private static IMethodSymbol? OwnMethodRun(IOperation operation, INamedTypeSymbol actualType) =>
            operation switch
            {
                IInvocationOperation { TargetMethod: var method } invocation when IsOwnCall(invocation, actualType) => method,
                IPropertyReferenceOperation { Property: { GetMethod: { } getter } } property when AccessPaths.IsThis(property.Instance) || property.Property.IsStatic => getter,
                _ => null,
            };

        /// <summary>The member of <c>this</c> (first step of the chain) or the static source field an operation names.</summary>
        private static ISymbol? MemberOf(IOperation operation)
        {
            switch (operation)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true } field } when SymbolFacts.IsInSource(field):
                    return field.OriginalDefinition;
                case IFieldReferenceOperation { Field: var field } reference when AccessPaths.IsThis(reference.Instance):
                    return field.OriginalDefinition;
                case IPropertyReferenceOperation { Property: var property } reference when AccessPaths.IsThis(reference.Instance) && SymbolFacts.IsInSource(property):
                    return property.OriginalDefinition;
                default:
                    return null;
            }
        }

        private static bool IsWrittenOnly(IOperation operation) =>
            operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation;

        private static bool IsOwnCall(IInvocationOperation invocation, INamedTypeSymbol actualType) =>
            SymbolFacts.IsInSource(invocation.TargetMethod)
            && (invocation.TargetMethod.IsStatic ? InHierarchy(invocation.TargetMethod.ContainingType, actualType) : AccessPaths.IsThis(invocation.Instance));

        /// <summary>The implementation a virtual call on an object of <paramref name="actualType"/> runs.</summary>
        private static IMethodSymbol Devirtualize(IMethodSymbol method, INamedTypeSymbol actualType)
        {
            if (!(method.IsVirtual || method.IsAbstract || method.IsOverride))
            {
                return method;
            }

            for (var type = actualType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate && Overrides(candidate, method))
                    {
                        return candidate;
                    }
                }
            }

            return method;
        }

        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
        {
            IMethodSymbol? current = candidate;
            // Override chains are short; the bound only guards against malformed metadata.
            for (var steps = 0; current is not null && steps < 16; steps++, current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InHierarchy(INamedTypeSymbol type, INamedTypeSymbol actualType)
        {
            for (var current = actualType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, type.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Where a callback touches a member, and in which callback.</summary>
    internal sealed class MemberAccess
    {
        public MemberAccess(ISymbol member, IOperation operation, string reader)
        {
            Member = member;
            Operation = operation;
            Reader = reader;
        }

        public ISymbol Member { get; }

        public IOperation Operation { get; }

        /// <summary>How a message names the callback: <c>RkIommu.DeviceGroup</c>.</summary>
        public string Reader { get; }

        /// <summary>The field every access of the callbacks to this member locks on, if they all lock on the same one (uses only, not reads).</summary>
        public ISymbol? GuardedBy { get; set; }

        /// <summary>
        /// Whether every access of the callbacks to this member is inside a try that catches, in its own method or around
        /// the calls that lead there: they expect it to fail once it is gone (uses only, not reads).
        /// </summary>
        public bool Caught { get; set; }
    }
}
