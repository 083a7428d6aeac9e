using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static LifetimeAnalyzers.Lifetime.SymbolFacts;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Where a body makes <c>this</c> reachable by code that can call it back, in the engine's layers: built-in
    /// knowledge of events, timers, threads, tasks and observables; <c>.editorconfig</c>; <c>[Registers]</c>; summaries.
    /// </summary>
    internal static class Registrations
    {
        /// <summary>The registrations of <c>this</c> in a graph, each with the block and operation index where it happens.</summary>
        public static ImmutableArray<(Registration Registration, int Block, int Index)> InGraph(ControlFlowGraph graph, LifetimeContext context, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<(Registration, int, int)>();
            var finder = new Finder(context, graph.OriginalOperation.SemanticModel, new CaptureMap(graph), cancellationToken);
            foreach (var block in graph.Blocks)
            {
                for (var index = 0; index < block.Operations.Length; index++)
                {
                    foreach (var operation in block.Operations[index].DescendantsAndSelf())
                    {
                        if (finder.Visit(operation) is { } registration)
                        {
                            found.Add((registration, block.Ordinal, index));
                        }
                    }
                }
            }

            return found.ToImmutable();
        }

        /// <summary>The registrations of <c>this</c> anywhere in a body's operation tree, in no particular order.</summary>
        public static ImmutableArray<Registration> InBody(IOperation body, LifetimeContext context, CancellationToken cancellationToken) =>
            InBodies(new[] { body }, context, cancellationToken);

        /// <summary>
        /// The registrations of <c>this</c> in the bodies of one type, in no particular order. The bodies are searched in
        /// the order given, remembering across them what was created but not started: a thread the constructor creates
        /// registers where another method starts it.
        /// </summary>
        public static ImmutableArray<Registration> InBodies(IEnumerable<IOperation> bodies, LifetimeContext context, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<Registration>();
            var notStarted = new Dictionary<object, Callbacks>();
            foreach (var body in bodies)
            {
                var finder = new Finder(context, body.SemanticModel, captures: null, cancellationToken, notStarted);
                foreach (var operation in BodyIndex.Of(body, context, cancellationToken).MayRegister)
                {
                    if (finder.Visit(operation) is { } registration)
                    {
                        found.Add(registration);
                    }
                }
            }

            return found.ToImmutable();
        }

        /// <summary>The ordinals of the arguments a call stores somewhere long-lived.</summary>
        public static ImmutableArray<int> StoredArguments(IInvocationOperation invocation, LifetimeContext context, int depth, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            var attributed = context.Contracts.MarkedParameters(method, ContractAttributes.Registers);
            if (!attributed.IsEmpty)
            {
                return attributed;
            }

            var configured = context.OptionsFor(invocation.Syntax.SyntaxTree).RegisterMethods.Match(method);
            if (context.Contracts.HasOnMethodOrOverridden(method, ContractAttributes.Registers) || configured == MethodPatterns.Receiver)
            {
                return method.Parameters.IsEmpty ? ImmutableArray<int>.Empty : ImmutableArray.Create(0);
            }

            if (configured is { } index)
            {
                return ImmutableArray.Create(index);
            }

            if (method.Name == "Subscribe" && method.Parameters.Length == 1 && IsObservable(method.ContainingType, context.Symbols))
            {
                return ImmutableArray.Create(0);
            }

            if (!method.IsStatic && method.Parameters.Length > 0 && IsLongLivedCollection(invocation.Instance, context.Symbols))
            {
                return ImmutableArray.Create(0);
            }

            return depth > 0 && context.Summaries.ForParameters(method, depth - 1, cancellationToken) is { } summary
                ? summary.RegisteredParameters
                : ImmutableArray<int>.Empty;
        }

        /// <summary>The ordinals of the arguments a call takes out of long-lived storage: the undoing of <see cref="StoredArguments"/>.</summary>
        public static ImmutableArray<int> RemovedArguments(IInvocationOperation invocation, LifetimeContext context, int depth, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            var attributed = context.Contracts.MarkedParameters(method, ContractAttributes.Unregisters);
            if (!attributed.IsEmpty)
            {
                return attributed;
            }

            var configured = context.OptionsFor(invocation.Syntax.SyntaxTree).UnregisterMethods.Match(method);
            if (context.Contracts.HasOnMethodOrOverridden(method, ContractAttributes.Unregisters) || configured == MethodPatterns.Receiver)
            {
                return method.Parameters.IsEmpty ? ImmutableArray<int>.Empty : ImmutableArray.Create(0);
            }

            if (configured is { } index)
            {
                return ImmutableArray.Create(index);
            }

            // The collections' own removal methods, on the same long-lived collections that count as storage.
            if (!method.IsStatic && method.Parameters.Length > 0 && (method.Name.StartsWith("Remove", System.StringComparison.Ordinal) || method.Name.StartsWith("TryRemove", System.StringComparison.Ordinal))
                && IsLongLivedCollection(invocation.Instance, context.Symbols))
            {
                return ImmutableArray.Create(0);
            }

            return depth > 0 && context.Summaries.ForParameters(method, depth - 1, cancellationToken) is { } summary
                ? summary.UnregisteredParameters
                : ImmutableArray<int>.Empty;
        }

        /// <summary>A static field or property: what is stored there outlives every instance.</summary>
        public static bool IsStaticStorage(IOperation target) =>
            AccessPaths.SkipConversions(target) is IFieldReferenceOperation { Field.IsStatic: true } or IPropertyReferenceOperation { Property.IsStatic: true };

        /// <summary>A collection reached from a static, or kept in a field of the object the call runs on.</summary>
        private static bool IsLongLivedCollection(IOperation? receiver, KnownSymbols symbols)
        {
            if (receiver?.Type is not { } type || !Implements(type, symbols.Enumerable))
            {
                return false;
            }

            return IsStaticStorage(receiver) || AccessPaths.Resolve(receiver, null) is { } path && ((path.IsThis && path.Members.Length > 0) || path.Root is IFieldSymbol);
        }

        private static bool IsObservable(INamedTypeSymbol type, KnownSymbols symbols) =>
            Is(type.OriginalDefinition, symbols.Observable) || type.AllInterfaces.Any(i => Is(i.OriginalDefinition, symbols.Observable));

        private static bool Any(this ImmutableArray<INamedTypeSymbol> types, System.Func<INamedTypeSymbol, bool> predicate)
        {
            foreach (var type in types)
            {
                if (predicate(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Recognises registrations one operation at a time, remembering timers and threads that were created
        /// but not started: they register when <c>Start()</c> or <c>Change()</c> is called.
        /// </summary>
        private sealed class Finder
        {
            private readonly LifetimeContext _context;
            private readonly CancellationToken _cancellationToken;
            private readonly SemanticModel? _model;
            private readonly CaptureMap? _captures;
            private readonly Dictionary<object, Callbacks> _notStarted;

            /// <param name="model">The model of the code searched: a graph's lambdas are only reachable as syntax.</param>
            /// <param name="captures">
            /// A graph's captures: <c>_worker = new Thread(Poll) { IsBackground = true }</c> assigns to a capture of the
            /// field, which is only known through it.
            /// </param>
            /// <param name="notStarted">Timers and threads created but not started, when shared with the search of other bodies.</param>
            public Finder(LifetimeContext context, SemanticModel? model, CaptureMap? captures, CancellationToken cancellationToken, Dictionary<object, Callbacks>? notStarted = null)
            {
                _context = context;
                _model = model;
                _captures = captures;
                _cancellationToken = cancellationToken;
                _notStarted = notStarted ?? new Dictionary<object, Callbacks>();
            }

            private KnownSymbols Symbols => _context.Symbols;

            public Registration? Visit(IOperation operation)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IEventAssignmentOperation { Adds: true } subscription:
                        return Subscription(subscription);
                    case IObjectCreationOperation creation:
                        return Creation(creation);
                    case IFlowCaptureOperation capture when NotStartedCreation(capture.Value) is { } pending:
                        _notStarted[capture.Id] = pending;
                        return null;
                    case ISimpleAssignmentOperation assignment:
                        return Assignment(assignment);
                    case IInvocationOperation invocation:
                        return Invocation(invocation);
                    default:
                        return null;
                }
            }

            private Registration? Subscription(IEventAssignmentOperation subscription)
            {
                if (subscription.EventReference is not IEventReferenceOperation source || AccessPaths.IsThis(source.Instance) || CallbacksOf(_model, subscription.HandlerValue) is not { } callbacks)
                {
                    // Subscribing to one's own event registers nothing with anybody else.
                    return null;
                }

                // A System.Timers.Timer raises Elapsed only once started.
                if (Is(source.Event.ContainingType, Symbols.TimersTimer) && Key(source.Instance) is { } timer)
                {
                    _notStarted[timer] = callbacks.With(_notStarted.TryGetValue(timer, out var earlier) ? earlier : null);
                    return null;
                }

                return callbacks.At(subscription, new RegistrationUndo(UndoKind.Unsubscribe, token: null, source.Event.OriginalDefinition,
                    AccessPaths.Resolve(source.Instance, null), callbacks.Methods.IsEmpty ? null : callbacks.Methods[0]));
            }

            private Registration? Creation(IObjectCreationOperation creation)
            {
                var type = creation.Type;
                if (Is(type, Symbols.ThreadingTimer) && creation.Arguments.Length > 1 && !IsInfinite(creation.Arguments[2 < creation.Arguments.Length ? 2 : 1].Value))
                {
                    return CallbacksOf(_model, creation.Arguments[0].Value)?.At(creation, new RegistrationUndo(UndoKind.StopTimer, AssignedTo(creation)));
                }

                return null;
            }

            /// <summary>A thread, task or infinite timer that holds callbacks but does not run them yet.</summary>
            private Callbacks? NotStartedCreation(IOperation? value)
            {
                if (AccessPaths.SkipConversions(value) is not IObjectCreationOperation { Arguments.Length: > 0 } creation)
                {
                    return null;
                }

                var type = creation.Type;
                var notStartedTimer = Is(type, Symbols.ThreadingTimer) && (creation.Arguments.Length == 1 || IsInfinite(creation.Arguments[2 < creation.Arguments.Length ? 2 : 1].Value));
                return notStartedTimer || Is(type, Symbols.Thread) || Is(type, Symbols.Task) ? CallbacksOf(_model, creation.Arguments[0].Value) : null;
            }

            private Registration? Assignment(ISimpleAssignmentOperation assignment)
            {
                if (IsStaticStorage(assignment.Target) && AccessPaths.IsThis(assignment.Value))
                {
                    return new Registration(assignment, ImmutableArray<IMethodSymbol>.Empty, ImmutableArray<IOperation>.Empty, wholeInstance: true,
                        new RegistrationUndo(UndoKind.ClearStatic, AccessPaths.Resolve(assignment.Target, null)));
                }

                var pending = NotStartedCreation(assignment.Value)
                    ?? (AccessPaths.SkipConversions(assignment.Value) is IFlowCaptureReferenceOperation capture && _notStarted.TryGetValue(capture.Id, out var captured) ? captured : null);
                if (pending is not null && Key(assignment.Target) is { } key)
                {
                    _notStarted[key] = pending;
                }

                return null;
            }

            private Registration? Invocation(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (StartedBy(invocation) is { } started)
                {
                    var kind = Is(method.ContainingType, Symbols.Thread) || Is(method.ContainingType, Symbols.Task) ? UndoKind.JoinWorker : UndoKind.StopTimer;
                    return started.At(invocation, new RegistrationUndo(kind, Key(invocation.Instance) as AccessPath));
                }

                var delegateArgument = method.IsStatic || Is(method.ContainingType, Symbols.TaskFactory) || Is(method.ContainingType, Symbols.CancellationToken)
                    ? BuiltInCallbackArgument(invocation)
                    : null;
                if (delegateArgument is not null && IsAwaitedOrReturned(invocation))
                {
                    // A task the method awaits has finished before it goes on; one it returns belongs to its caller.
                    return null;
                }

                if (delegateArgument is not null)
                {
                    var kind = Is(method.ContainingType, Symbols.CancellationToken) ? UndoKind.DisposeToken : UndoKind.JoinWorker;
                    return CallbacksOf(_model, delegateArgument)?.At(invocation, new RegistrationUndo(kind, AssignedTo(invocation)));
                }

                // A call that stores its argument, or hands back a token to dispose, subscribes what it is given.
                // Only `this` or a callback of it can be registered: what the call does with other arguments needs no asking.
                ImmutableArray<int>? stored = null;
                bool? returnsToken = null;
                foreach (var argument in invocation.Arguments)
                {
                    var isThis = AccessPaths.IsThis(argument.Value);
                    var callbacks = isThis ? null : CallbacksOf(_model, argument.Value);
                    if (argument.Parameter is not { } parameter || (!isThis && callbacks is null))
                    {
                        continue;
                    }

                    stored ??= StoredArguments(invocation, _context, LifetimeContext.SummaryDepth, _cancellationToken);
                    returnsToken ??= method.OriginalDefinition.ReturnType is not ITypeParameterSymbol && ReturnsToken(method.ReturnType);
                    if (!(stored.Value.Contains(parameter.Ordinal) || (returnsToken.Value && IsNotification(parameter.Type))))
                    {
                        continue;
                    }

                    if (isThis)
                    {
                        return new Registration(invocation, ImmutableArray<IMethodSymbol>.Empty, ImmutableArray<IOperation>.Empty, wholeInstance: true,
                            new RegistrationUndo(UndoKind.UnregisterInstance, AssignedTo(invocation)));
                    }

                    return callbacks!.At(invocation, new RegistrationUndo(UndoKind.DisposeToken, AssignedTo(invocation)));
                }

                return null;
            }

            /// <summary>
            /// A call that hands back something disposable returns a registration token. A task is disposable too, but
            /// a call that returns one runs its delegate as part of the call: awaiting it is not a subscription.
            /// </summary>
            private bool ReturnsToken(ITypeSymbol type)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (Is(current, Symbols.Task) || current.Name == "ValueTask")
                    {
                        return false;
                    }
                }

                return Implements(type, Symbols.IDisposable) || Implements(type, Symbols.IAsyncDisposable);
            }

            /// <summary><c>thread.Start()</c>, <c>task.Start()</c>, <c>timer.Change(due, …)</c>, <c>timer.Start()</c> on something created here.</summary>
            private Callbacks? StartedBy(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                var starts = method.Name switch
                {
                    "Start" => Is(method.ContainingType, Symbols.Thread) || Is(method.ContainingType, Symbols.Task) || Is(method.ContainingType, Symbols.TimersTimer),
                    "Change" => Is(method.ContainingType, Symbols.ThreadingTimer) && invocation.Arguments.Length > 0 && !IsInfinite(invocation.Arguments[0].Value),
                    _ => false,
                };
                if (!starts)
                {
                    return null;
                }

                if (NotStartedCreation(invocation.Instance) is { } direct)
                {
                    return direct;
                }

                return Key(invocation.Instance) is { } key && _notStarted.TryGetValue(key, out var pending) ? pending : null;
            }

            /// <summary>The delegate argument of the framework's queue-and-call-back methods.</summary>
            private IOperation? BuiltInCallbackArgument(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                var known = (Is(type, Symbols.Task) && method.Name == "Run")
                    || (Is(type, Symbols.TaskFactory) && method.Name == "StartNew")
                    || (Is(type, Symbols.ThreadPool) && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "RegisterWaitForSingleObject" or "UnsafeRegisterWaitForSingleObject")
                    || (Is(type, Symbols.CancellationToken) && method.Name is "Register" or "UnsafeRegister");
                if (!known)
                {
                    return null;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                    {
                        return argument.Value;
                    }
                }

                return null;
            }

            private static bool IsInfinite(IOperation value) =>
                AccessPaths.SkipConversions(value) switch
                {
                    { ConstantValue: { HasValue: true, Value: -1 or -1L or uint.MaxValue } } => true,
                    IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", IsStatic: true } } => true,
                    _ => false,
                };

            /// <summary>Where a timer or thread is kept: its access path, or the capture that holds it until it is stored.</summary>
            private object? Key(IOperation? operation) =>
                AccessPaths.SkipConversions(operation) is IFlowCaptureReferenceOperation capture
                    ? (object?)_captures?.Resolve(capture.Id) ?? capture.Id
                    : AccessPaths.Resolve(operation, _captures);
        }

        /// <summary>
        /// A delegate type whose calls notify rather than produce: it returns nothing. A function handed to a call
        /// (a factory, a selector) is typically run by that call, not kept to be called back.
        /// </summary>
        private static bool IsNotification(ITypeSymbol type) =>
            type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod.ReturnsVoid: true } || type.TypeKind != TypeKind.Delegate;

        private static bool IsAwaitedOrReturned(IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
            {
                current = current.Parent;
            }

            return current.Parent is IAwaitOperation or IReturnOperation;
        }

        /// <summary>Where the value of <paramref name="operation"/> is kept, when it is assigned straight to a place.</summary>
        private static AccessPath? AssignedTo(IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            return current.Parent is ISimpleAssignmentOperation assignment && assignment.Value == current ? AccessPaths.Resolve(assignment.Target, null) : null;
        }

        /// <summary>The callbacks of <c>this</c> a delegate value carries: a method of <c>this</c>, or a lambda that captures it.</summary>
        private static Callbacks? CallbacksOf(SemanticModel? model, IOperation? value)
        {
            switch (AccessPaths.SkipConversions(value))
            {
                case IDelegateCreationOperation creation:
                    return CallbacksOf(model, creation.Target);
                case IMethodReferenceOperation { Method.IsStatic: false } reference when AccessPaths.IsThis(reference.Instance):
                    return new Callbacks(ImmutableArray.Create(reference.Method), ImmutableArray<IOperation>.Empty);
                case IAnonymousFunctionOperation lambda when CapturesThis(lambda):
                    return new Callbacks(ImmutableArray<IMethodSymbol>.Empty, ImmutableArray.Create<IOperation>(lambda));
                case IFlowAnonymousFunctionOperation flowLambda when model?.GetOperation(flowLambda.Syntax) is { } original:
                    return original is IFlowAnonymousFunctionOperation ? null : CallbacksOf(model, original);
                default:
                    return null;
            }
        }

        private static bool CapturesThis(IAnonymousFunctionOperation lambda)
        {
            foreach (var operation in lambda.Body.DescendantsAndSelf())
            {
                if (operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
                {
                    return true;
                }
            }

            return false;
        }


        private sealed class Callbacks
        {
            public Callbacks(ImmutableArray<IMethodSymbol> methods, ImmutableArray<IOperation> lambdas)
            {
                Methods = methods;
                Lambdas = lambdas;
            }

            public ImmutableArray<IMethodSymbol> Methods { get; }

            public ImmutableArray<IOperation> Lambdas { get; }

            public Callbacks With(Callbacks? other) =>
                other is null ? this : new Callbacks(Methods.AddRange(other.Methods), Lambdas.AddRange(other.Lambdas));

            public Registration At(IOperation operation, RegistrationUndo undo) => new Registration(operation, Methods, Lambdas, wholeInstance: false, undo);
        }
    }
}
