using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// One cheap pass over a body, before any control-flow graph is built: does it release anything, does it
    /// call other source methods, which members of <c>this</c> does it assign, and which of its own methods does it call.
    /// </summary>
    internal sealed class BodyScan
    {
        private BodyScan(bool releases, bool callsSource, ImmutableHashSet<ISymbol> ownWrites, ImmutableArray<IMethodSymbol> thisCallees, ImmutableArray<int> registeredParameters, ImmutableArray<int> unregisteredParameters)
        {
            UnregisteredParameters = unregisteredParameters;
            Releases = releases;
            CallsSource = callsSource;
            OwnWrites = ownWrites;
            ThisCallees = thisCallees;
            RegisteredParameters = registeredParameters;
        }

        public bool Releases { get; }

        /// <summary>Whether the body is an iterator: calling it runs none of it until the caller iterates.</summary>
        public bool Yields { get; private set; }

        /// <summary>Whether the body calls methods with source bodies, so its summary may depend on theirs.</summary>
        public bool CallsSource { get; }

        /// <summary>Members of <c>this</c> the body assigns itself, or hands over by <c>ref</c>.</summary>
        public ImmutableHashSet<ISymbol> OwnWrites { get; }

        /// <summary>Source methods the body calls on <c>this</c>, which may assign more of its members.</summary>
        public ImmutableArray<IMethodSymbol> ThisCallees { get; }

        /// <summary>Parameters the body stores somewhere long-lived: see <see cref="MethodSummary.RegisteredParameters"/>.</summary>
        public ImmutableArray<int> RegisteredParameters { get; }

        /// <summary>Parameters the body takes out of long-lived storage: see <see cref="MethodSummary.UnregisteredParameters"/>.</summary>
        public ImmutableArray<int> UnregisteredParameters { get; }

        /// <param name="includeLambdas">Whether to look inside lambdas and local functions, which run later if at all.</param>
        public static BodyScan Run(IOperation body, LifetimeContext context, int depth, bool includeLambdas, CancellationToken cancellationToken)
        {
            var releases = false;
            var callsSource = false;
            var written = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
            var thisCallees = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var registered = new SortedSet<int>();
            var unregistered = new SortedSet<int>();
            var yields = false;
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = stack.Pop();
                releases = releases || Lifetime.Releases.IsRelease(operation, context, depth, cancellationToken);
                switch (operation)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation when !includeLambdas:
                        continue;
                    case IInvocationOperation invocation:
                        var callee = invocation.TargetMethod;
                        callsSource |= SymbolFacts.IsInSource(callee);
                        if (!callee.IsStatic && AccessPaths.IsThis(invocation.Instance) && SymbolFacts.IsInSource(callee))
                        {
                            thisCallees.Add(callee);
                        }

                        AddRefArguments(invocation.Arguments, written);
                        // Only the scanned method's own parameters are recorded: a call handed none of them needs no asking.
                        if (HandsOverAParameter(invocation))
                        {
                            AddParameters(invocation, Registrations.StoredArguments(invocation, context, depth, cancellationToken), registered);
                            AddParameters(invocation, Registrations.RemovedArguments(invocation, context, depth, cancellationToken), unregistered);
                        }

                        break;
                    case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak }:
                        yields = true;
                        break;
                    case IAssignmentOperation assignment:
                        AddWritten(assignment.Target, written);
                        if (Registrations.IsStaticStorage(assignment.Target) && AccessPaths.SkipConversions(assignment.Value) is IParameterReferenceOperation stored)
                        {
                            registered.Add(stored.Parameter.Ordinal);
                        }

                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddWritten(increment.Target, written);
                        break;
                    case IObjectCreationOperation creation:
                        AddRefArguments(creation.Arguments, written);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return new BodyScan(releases, callsSource, written.ToImmutable(), thisCallees.ToImmutableArray(), registered.ToImmutableArray(), unregistered.ToImmutableArray()) { Yields = yields };
        }

        private static void AddRefArguments(ImmutableArray<IArgumentOperation> arguments, ImmutableHashSet<ISymbol>.Builder written)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
                {
                    AddWritten(argument.Value, written);
                }
            }
        }

        private static void AddWritten(IOperation target, ImmutableHashSet<ISymbol>.Builder written)
        {
            foreach (var operation in target.DescendantsAndSelf())
            {
                if (AccessPaths.Resolve(operation, null) is { IsThis: true, Members.Length: > 0 } path)
                {
                    written.Add(path.Members[0]);
                }
            }
        }

        private static void AddParameters(IInvocationOperation invocation, ImmutableArray<int> argumentOrdinals, SortedSet<int> into)
        {
            foreach (var ordinal in argumentOrdinals)
            {
                if (ParameterOf(invocation, ordinal) is { } parameter)
                {
                    into.Add(parameter);
                }
            }
        }

        private static bool HandsOverAParameter(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (AccessPaths.SkipConversions(argument.Value) is IParameterReferenceOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The ordinal of the scanned method's parameter passed as the argument at <paramref name="ordinal"/>, if it is one.</summary>
        private static int? ParameterOf(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && AccessPaths.SkipConversions(argument.Value) is IParameterReferenceOperation parameter)
                {
                    return parameter.Parameter.Ordinal;
                }
            }

            return null;
        }
    }
}
