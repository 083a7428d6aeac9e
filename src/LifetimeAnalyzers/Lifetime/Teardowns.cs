using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Teardown members, and what they do in order: which of the object's own fields they release, which
    /// registrations they undo. Calls to the object's own methods are followed, a few levels deep.
    /// </summary>
    internal static class Teardowns
    {
        /// <summary>How deep calls to the object's own methods are followed.</summary>
        private const int MaxInlining = 3;

        public static bool IsTeardown(IMethodSymbol method, LifetimeContext context)
        {
            if (method.IsStatic || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
            {
                return false;
            }

            var name = method.ExplicitInterfaceImplementations.IsEmpty ? method.Name : method.ExplicitInterfaceImplementations[0].Name;
            var byName = name switch
            {
                "Dispose" => method.Parameters.IsEmpty || (method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean),
                "DisposeAsync" or "Close" or "Stop" => method.Parameters.IsEmpty,
                _ => false,
            };
            return byName
                || Releases.IsReleaseCallback(method, context.Contracts)
                || (method.Locations.Length > 0 && method.Locations[0].SourceTree is { } tree && context.OptionsFor(tree).TeardownMethods.Match(method) is not null);
        }

        /// <summary>What a teardown body does, in the order it does it.</summary>
        public static ImmutableArray<TeardownEvent> Events(IOperation body, LifetimeContext context, CancellationToken cancellationToken)
        {
            var events = ImmutableArray.CreateBuilder<TeardownEvent>();
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            Collect(body, body, null, 0, insideTeardown: false, events, visited, context, cancellationToken);
            return events.ToImmutable();
        }

        /// <param name="at">For events inside a called method, the call in the teardown itself: where they happen, as far as order goes.</param>
        /// <param name="insideTeardown">Whether <paramref name="root"/> is another teardown member called from this one: its releases are reported there.</param>
        private static void Collect(IOperation root, IOperation body, IOperation? at, int depth, bool insideTeardown, ImmutableArray<TeardownEvent>.Builder events,
            HashSet<IMethodSymbol> visited, LifetimeContext context, CancellationToken cancellationToken)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                var place = at ?? operation;
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        AddCall(invocation, place, body, depth, insideTeardown, events, visited, context, cancellationToken);
                        break;
                    case ILoopOperation loop when loop.Body.DescendantsAndSelf().Any(o => o is IInvocationOperation call && IsPause(call.TargetMethod, context.Symbols)):
                        // `while (_running) Thread.Sleep(1);`, `while (_thread.IsAlive) …`: waiting for a worker by hand.
                        events.Add(TeardownEvent.Call(place, null, "wait"));
                        break;
                    case IEventAssignmentOperation { Adds: false, EventReference: IEventReferenceOperation source }:
                        events.Add(TeardownEvent.Unsubscribe(place, source.Event.OriginalDefinition, AccessPaths.Resolve(source.Instance, null)));
                        break;
                    case IAwaitOperation awaited:
                        var awaitedValue = awaited.Operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure ? configure.Instance : awaited.Operation;
                        events.Add(TeardownEvent.Call(place, AccessPaths.Resolve(awaitedValue, null), "await"));
                        break;
                    case ISimpleAssignmentOperation assignment:
                        if (Registrations.IsStaticStorage(assignment.Target))
                        {
                            events.Add(TeardownEvent.Call(place, AccessPaths.Resolve(assignment.Target, null), "="));
                        }
                        else if (assignment.Value.ConstantValue is { HasValue: true, Value: null } && OwnMember(assignment.Target) is { } nulled)
                        {
                            events.Add(TeardownEvent.Release(place, nulled, nulled: true, Locks.Around(operation, body), insideTeardown));
                        }

                        break;
                }

                foreach (var child in operation.ChildOperations.Reverse())
                {
                    pending.Push(child);
                }
            }
        }

        private static void AddCall(IInvocationOperation invocation, IOperation place, IOperation body, int depth, bool insideTeardown, ImmutableArray<TeardownEvent>.Builder events,
            HashSet<IMethodSymbol> visited, LifetimeContext context, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (place == invocation && invocation.Parent is IConditionalAccessOperation access && access.WhenNotNull == invocation)
            {
                // `_port?.Dispose()` is one step: point at all of it.
                place = access;
            }

            // A release of a member is a release of the receiver or an argument: a call handed none of the object's
            // members (its own helpers, whose steps are collected below, GC.SuppressFinalize(this)) needs no summary asked.
            if (HandsOverAMember(invocation))
            {
                foreach (var effect in Releases.Of(invocation, context, LifetimeContext.SummaryDepth, cancellationToken))
                {
                    if (effect.Certain && effect.Members.IsEmpty && OwnMember(effect.Operand) is { } released)
                    {
                        events.Add(TeardownEvent.Release(place, released, nulled: false, Locks.Around(invocation, body), insideTeardown));
                    }
                }
            }

            var removed = Registrations.RemovedArguments(invocation, context, LifetimeContext.SummaryDepth, cancellationToken);
            var unregistersThis = false;
            var removedCallbacks = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && removed.Contains(parameter.Ordinal))
                {
                    unregistersThis |= AccessPaths.IsThis(argument.Value);
                    if (AccessPaths.SkipConversions(argument.Value) is IDelegateCreationOperation { Target: IMethodReferenceOperation reference })
                    {
                        removedCallbacks.Add(reference.Method.OriginalDefinition);
                    }
                }
            }

            events.Add(TeardownEvent.Call(place, WaitedOn(invocation.Instance), method.Name, unregistersThis, removedCallbacks.ToImmutable()));

            if (method.Name == "SpinUntil" && SymbolFacts.Is(method.ContainingType, context.Symbols.SpinWait))
            {
                events.Add(TeardownEvent.Call(place, null, "wait"));
            }

            // Task.WaitAll(_a, _b) waits on each of its arguments.
            if (method.IsStatic && method.Name is "WaitAll" or "WaitAny")
            {
                foreach (var waited in invocation.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()))
                {
                    if (AccessPaths.Resolve(waited, null) is { } path)
                    {
                        events.Add(TeardownEvent.Call(place, path, method.Name));
                    }
                }
            }

            // The object's own helpers (Stop(), ReleaseResources()) are part of its teardown.
            if (depth < MaxInlining && !method.IsStatic && AccessPaths.IsThis(invocation.Instance) && SymbolFacts.IsInSource(method) && visited.Add(method)
                && MethodBodies.Get(method, context.Compilation, cancellationToken) is { } callee)
            {
                Collect(callee, callee, place, depth + 1, insideTeardown || IsTeardown(method, context), events, visited, context, cancellationToken);
            }
        }

        private static bool HandsOverAMember(IInvocationOperation invocation)
        {
            if (OwnMember(invocation.Instance) is not null)
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (OwnMember(argument.Value) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPause(IMethodSymbol method, KnownSymbols symbols) =>
            (method.Name is "Sleep" or "Yield" or "SpinWait" && SymbolFacts.Is(method.ContainingType, symbols.Thread))
            || (method.Name == "Delay" && SymbolFacts.Is(method.ContainingType, symbols.Task))
            || SymbolFacts.Is(method.ContainingType, symbols.SpinWait);

        /// <summary>The place a call waits on: its receiver, or the task behind <c>task.GetAwaiter()</c> / <c>task.ConfigureAwait(…)</c>.</summary>
        private static AccessPath? WaitedOn(IOperation? receiver) =>
            AccessPaths.Resolve(
                receiver is IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait", Instance: { } task } ? task : receiver,
                null);

        /// <summary>The field or property of <c>this</c> an operation names directly.</summary>
        public static ISymbol? OwnMember(IOperation? operation) =>
            AccessPaths.Resolve(operation, null) is { IsThis: true, Members.Length: 1 } path ? path.Members[0].OriginalDefinition : null;
    }

    internal enum TeardownEventKind
    {
        /// <summary>A field of the object is released (disposed, closed, freed, returned, or set to null).</summary>
        Release,

        /// <summary>A call (or an await, or a static assignment) that may undo a registration.</summary>
        Call,

        /// <summary><c>source.Event -= handler</c>.</summary>
        Unsubscribe,
    }

    /// <summary>One step of a teardown.</summary>
    internal sealed class TeardownEvent
    {
        private TeardownEvent(TeardownEventKind kind, IOperation operation)
        {
            Kind = kind;
            Operation = operation;
        }

        public TeardownEventKind Kind { get; }

        /// <summary>The operation in the teardown body itself (for steps inside helpers, the call to the helper).</summary>
        public IOperation Operation { get; }

        /// <summary>For a release: the field released.</summary>
        public ISymbol? Member { get; private set; }

        public bool Nulled { get; private set; }

        /// <summary>For a release: whether it happens inside another teardown member this one calls, which reports it itself.</summary>
        public bool InsideOtherTeardown { get; private set; }

        /// <summary>For a call: the methods it takes back as callbacks (<c>irq.Free(OnIrq)</c> under a configured unregister method).</summary>
        public ImmutableArray<IMethodSymbol> RemovedCallbacks { get; private set; } = ImmutableArray<IMethodSymbol>.Empty;

        /// <summary>For a release: the object's own lock held around it.</summary>
        public ISymbol? Lock { get; private set; }

        /// <summary>For a call: its receiver (or the awaited task, or the static assigned).</summary>
        public AccessPath? Target { get; private set; }

        /// <summary>For a call: the method name; <c>await</c> for an await; <c>=</c> for a static assignment.</summary>
        public string? Name { get; private set; }

        /// <summary>For a call: whether it takes <c>this</c> out of something that stored it.</summary>
        public bool UnregistersThis { get; private set; }

        public IEventSymbol? Event { get; private set; }

        public static TeardownEvent Release(IOperation operation, ISymbol member, bool nulled, ISymbol? @lock, bool insideOtherTeardown) =>
            new TeardownEvent(TeardownEventKind.Release, operation) { Member = member, Nulled = nulled, Lock = @lock, InsideOtherTeardown = insideOtherTeardown };

        public static TeardownEvent Call(IOperation operation, AccessPath? target, string name, bool unregistersThis = false, ImmutableArray<IMethodSymbol> removedCallbacks = default) =>
            new TeardownEvent(TeardownEventKind.Call, operation)
            {
                Target = target,
                Name = name,
                UnregistersThis = unregistersThis,
                RemovedCallbacks = removedCallbacks.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : removedCallbacks,
            };

        public static TeardownEvent Unsubscribe(IOperation operation, IEventSymbol @event, AccessPath? source) =>
            new TeardownEvent(TeardownEventKind.Unsubscribe, operation) { Event = @event, Target = source };

        /// <summary>Whether this step undoes <paramref name="registration"/>: no callback of it runs after this step.</summary>
        public bool Undoes(Registration registration)
        {
            var undo = registration.Undo;
            var onToken = Kind == TeardownEventKind.Call && Target is not null && undo.Token is not null && Target.Equals(undo.Token);
            switch (undo.Kind)
            {
                case UndoKind.Unsubscribe:
                    return (Kind == TeardownEventKind.Unsubscribe && SymbolEqualityComparer.Default.Equals(Event, undo.Event) && (undo.EventSource is null || undo.EventSource.Equals(Target)))
                        || (Kind == TeardownEventKind.Call && Name is "Dispose" or "DisposeAsync" or "Close" && undo.EventSource is not null && undo.EventSource.Equals(Target));
                case UndoKind.StopTimer:
                    return onToken && Name is "Dispose" or "DisposeAsync" or "Change" or "Stop" or "Close";
                case UndoKind.JoinWorker:
                    return (onToken && Name is "Join" or "Wait" or "await" or "GetResult" or "WaitAll") || (Kind == TeardownEventKind.Call && Name == "wait");
                case UndoKind.DisposeToken:
                    return (onToken && Name is "Dispose" or "DisposeAsync" or "Unregister" or "Unsubscribe")
                        || registration.Callbacks.Any(c => RemovedCallbacks.Contains(c.OriginalDefinition, SymbolEqualityComparer.Default));
                case UndoKind.UnregisterInstance:
                    return (Kind == TeardownEventKind.Call && UnregistersThis) || (onToken && Name is "Dispose" or "DisposeAsync");
                case UndoKind.ClearStatic:
                    return onToken && Name == "=";
                default:
                    return false;
            }
        }
    }
}
