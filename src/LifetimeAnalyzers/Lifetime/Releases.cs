using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static LifetimeAnalyzers.Lifetime.SymbolFacts;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What a call releases, in the engine's layers: built-in knowledge of the framework, the user's
    /// <c>.editorconfig</c>, attributes matched by name, then summaries of source methods.
    /// </summary>
    internal static class Releases
    {
        public static ImmutableArray<ReleaseEffect> Of(IInvocationOperation invocation, LifetimeContext context, int depth, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            // Told by name first: this runs for every call of every body, and most names can release nothing by themselves.
            if (context.ReleaseNames.MayReleaseByName(method.Name, invocation.Syntax.SyntaxTree))
            {
                if (BuiltIn(invocation, method, context) is { } builtIn)
                {
                    return ImmutableArray.Create(builtIn);
                }

                var configured = Configured(invocation, method, context);
                if (!configured.IsEmpty)
                {
                    return configured;
                }
            }

            return depth > 0 && HandsOverAPlace(invocation) ? Summarised(invocation, method, context, depth - 1, cancellationToken) : ImmutableArray<ReleaseEffect>.Empty;
        }

        /// <summary>Whether <paramref name="operation"/> itself releases something: a releasing call, or a <c>using</c> of an existing place.</summary>
        public static bool IsRelease(IOperation operation, LifetimeContext context, int depth, CancellationToken cancellationToken) =>
            operation switch
            {
                IInvocationOperation invocation => !Of(invocation, context, depth, cancellationToken).IsEmpty,
                IUsingOperation { Resources: not IVariableDeclarationGroupOperation } => true,
                _ => false,
            };

        /// <summary>
        /// Whether anything in <paramref name="body"/>, lambdas included, releases something it mentions again: the cheap
        /// test before a control-flow graph is built. It stops at the first such release, and asks nothing of the calls
        /// whose places are not mentioned again.
        /// </summary>
        /// <param name="mentions">The body's later mentions, whose first walk finds its calls: kept for the flow.</param>
        public static bool AnyIn(IOperation body, out LaterMentions mentions, LifetimeContext context, int depth, CancellationToken cancellationToken)
        {
            mentions = LaterMentions.Of(body, context, cancellationToken);
            foreach (var operation in mentions.CallsAndUsings)
            {
                // Cheapest first: whether the call releases with no summary asked, or hands a place to a source method; then
                // whether the body names what it is handed again; only then are the callee's calls read (for its names) and
                // the body's mentions listed; last, the callee's summary.
                var releases = IsRelease(operation, context, depth: 0, cancellationToken);
                var callee = releases || depth == 0 ? null : SourceCalleeHandedAPlace(operation);
                if ((releases || callee is not null)
                    && mentions.MayFollow(operation)
                    && (releases || context.ReleaseNames.CouldRelease(callee!, depth - 1, cancellationToken))
                    && mentions.Follow(operation)
                    && IsRelease(operation, context, depth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The source method <paramref name="operation"/> calls, when it hands it a place: its summary may release that.</summary>
        private static IMethodSymbol? SourceCalleeHandedAPlace(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod: var method } invocation && SymbolFacts.IsInSource(method) && HandsOverAPlace(invocation) ? method : null;

        /// <summary>Whether <paramref name="method"/> is a release callback: a method a framework calls to end an object's life.</summary>
        /// <param name="contracts">The compilation's declared contracts, when known: then an attribute declared nowhere is not looked for.</param>
        public static bool IsReleaseCallback(IMethodSymbol method, DeclaredContracts? contracts = null)
        {
            if (contracts?.HasOnMethodOrOverridden(method, ContractAttributes.ReleaseCallback)
                ?? ContractAttributes.HasOnMethodOrOverridden(method, ContractAttributes.ReleaseCallback))
            {
                return true;
            }

            // The kernel's kref release, in C#: a parameterless virtual Release() declared in the user's code.
            // Framework methods named Release (SemaphoreSlim.Release, Mutex) are not lifetime ends.
            return method is { Name: "Release", IsStatic: false, ReturnsVoid: true, Parameters.IsEmpty: true }
                && (method.IsAbstract || method.IsVirtual || method.IsOverride)
                && IsInSource(RootDefinition(method));
        }

        private static ReleaseEffect? BuiltIn(IInvocationOperation invocation, IMethodSymbol method, LifetimeContext context)
        {
            var symbols = context.Symbols;
            if (invocation.Instance is { } receiver && !method.IsStatic)
            {
                if (IsDispose(method, receiver.Type, symbols) || IsClose(method, symbols))
                {
                    // Dispose is idempotent by contract; a pooled memory owner's Dispose hands the memory back, which is not.
                    var pooled = IsMemoryOwner(receiver.Type, symbols);
                    return new ReleaseEffect(receiver, isReceiver: true, ImmutableArray<ISymbol>.Empty, ChainOf(method), idempotent: !pooled);
                }

                if (IsReleaseCallback(method, context.Contracts))
                {
                    return new ReleaseEffect(receiver, isReceiver: true, ImmutableArray<ISymbol>.Empty, ChainOf(RootDefinition(method)), idempotent: false);
                }

                if (method.Name == "Free" && method.Parameters.IsEmpty && Is(method.ContainingType, symbols.GCHandle))
                {
                    return new ReleaseEffect(receiver, isReceiver: true, ImmutableArray<ISymbol>.Empty, ChainOf(method), idempotent: false);
                }

                if (method.Name == "Return" && Is(method.ContainingType.OriginalDefinition, symbols.ArrayPool))
                {
                    return Argument(invocation, 0, ChainOf(method), idempotent: false);
                }

                return null;
            }

            if (IsNativeFree(method, symbols))
            {
                return Argument(invocation, 0, ChainOf(method), idempotent: false);
            }

            return null;
        }

        private static ImmutableArray<ReleaseEffect> Configured(IInvocationOperation invocation, IMethodSymbol method, LifetimeContext context)
        {
            // Built only for a method with a marked parameter: this runs for every call in every body.
            ImmutableArray<ReleaseEffect>.Builder? effects = null;
            foreach (var ordinal in context.Contracts.MarkedParameters(method, ContractAttributes.Releases))
            {
                if (Argument(invocation, ordinal, ChainOf(method), idempotent: false) is { } effect)
                {
                    (effects ??= ImmutableArray.CreateBuilder<ReleaseEffect>()).Add(effect);
                }
            }

            if (effects is not null)
            {
                return effects.ToImmutable();
            }

            int? index = context.Contracts.HasOnMethodOrOverridden(method, ContractAttributes.Releases)
                ? (method.IsStatic ? 0 : MethodPatterns.Receiver)
                : context.OptionsFor(invocation.Syntax.SyntaxTree).ReleaseMethods.Match(method);
            if (index is null)
            {
                return ImmutableArray<ReleaseEffect>.Empty;
            }

            var configured = index == MethodPatterns.Receiver
                ? invocation.Instance is { } receiver ? new ReleaseEffect(receiver, isReceiver: true, ImmutableArray<ISymbol>.Empty, ChainOf(method), idempotent: false) : null
                : Argument(invocation, index.Value, ChainOf(method), idempotent: false);
            return configured is null ? ImmutableArray<ReleaseEffect>.Empty : ImmutableArray.Create(configured);
        }

        private static ImmutableArray<ReleaseEffect> Summarised(IInvocationOperation invocation, IMethodSymbol method, LifetimeContext context, int depth, CancellationToken cancellationToken)
        {
            if (context.Summaries.ReleasesOf(method, depth, cancellationToken) is not { IsEmpty: false } releases)
            {
                return ImmutableArray<ReleaseEffect>.Empty;
            }

            // A release on some paths only matters where the caller cannot tell which path ran: the call returns
            // nothing, or its result is dropped. A caller that checks the result knows.
            var blind = method.ReturnsVoid || IsDiscarded(invocation.Syntax);
            if (method.IsAsync && invocation.Parent is not IAwaitOperation)
            {
                // An async method has done its work only once awaited.
                return ImmutableArray<ReleaseEffect>.Empty;
            }

            var effects = ImmutableArray.CreateBuilder<ReleaseEffect>();
            foreach (var release in releases)
            {
                if (!release.Certain && !blind)
                {
                    continue;
                }

                var chain = release.Chain.Insert(0, DisplayName(method));
                var effect = release.ParameterOrdinal == MethodPatterns.Receiver
                    ? invocation.Instance is { } receiver ? new ReleaseEffect(receiver, isReceiver: true, release.Members, chain, release.Idempotent, release.Certain) : null
                    : Argument(invocation, release.ParameterOrdinal, chain, release.Idempotent, release.Members, release.Certain);
                if (effect is not null)
                {
                    effects.Add(effect);
                }
            }

            return effects.ToImmutable();
        }

        /// <summary>How a release by the method reads in a message: built only for a call that releases.</summary>
        private static ImmutableArray<string> ChainOf(IMethodSymbol method) => ImmutableArray.Create(DisplayName(method));

        /// <summary>
        /// Whether the call is given anything a release could be tracked on (a local, a parameter, a field, <c>this</c>):
        /// only then is the callee's summary worth computing.
        /// </summary>
        private static bool HandsOverAPlace(IInvocationOperation invocation)
        {
            if (!invocation.TargetMethod.IsStatic && IsPlace(invocation.Instance))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsPlace(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A place, or a flow capture that may hold one (the graph spills arguments into captures).</summary>
        private static bool IsPlace(IOperation? operand) =>
            AccessPaths.SkipConversions(operand) is IFlowCaptureReferenceOperation || AccessPaths.Resolve(operand, null) is not null;

        /// <summary>A call written as a statement of its own (perhaps awaited): its result goes nowhere.</summary>
        private static bool IsDiscarded(SyntaxNode call)
        {
            var used = call.Parent is AwaitExpressionSyntax awaited ? awaited : call;
            return used.Parent is ExpressionStatementSyntax
                || used.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && discard.Right == used;
        }

        private static ReleaseEffect? Argument(IInvocationOperation invocation, int ordinal, ImmutableArray<string> chain, bool idempotent, ImmutableArray<ISymbol> members = default, bool certain = true)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return new ReleaseEffect(argument.Value, isReceiver: false, members.IsDefault ? ImmutableArray<ISymbol>.Empty : members, chain, idempotent, certain);
                }
            }

            return null;
        }

        private static bool IsDispose(IMethodSymbol method, ITypeSymbol? receiverType, KnownSymbols symbols)
        {
            if (!method.Parameters.IsEmpty)
            {
                return false;
            }

            return method.Name switch
            {
                "Dispose" => method.ReturnsVoid && (Implements(receiverType, symbols.IDisposable) || Implements(method.ContainingType, symbols.IDisposable) || receiverType?.IsRefLikeType == true),
                "DisposeAsync" => Implements(receiverType, symbols.IAsyncDisposable) || Implements(method.ContainingType, symbols.IAsyncDisposable),
                _ => false,
            };
        }

        private static bool IsMemoryOwner(ITypeSymbol? type, KnownSymbols symbols)
        {
            if (type is null || symbols.MemoryOwner is null)
            {
                return false;
            }

            if (Is(type.OriginalDefinition, symbols.MemoryOwner))
            {
                return true;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (Is(candidate.OriginalDefinition, symbols.MemoryOwner))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsClose(IMethodSymbol method, KnownSymbols symbols)
        {
            if (method.Name != "Close" || !method.Parameters.IsEmpty)
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var closable in symbols.ClosableTypes)
                {
                    if (Is(type, closable))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsNativeFree(IMethodSymbol method, KnownSymbols symbols)
        {
            if (method.Parameters.Length != 1)
            {
                return false;
            }

            if (Is(method.ContainingType, symbols.Marshal))
            {
                return IsMarshalFree(method.Name);
            }

            return Is(method.ContainingType, symbols.NativeMemory) && method.Name is "Free" or "AlignedFree";
        }

        /// <summary>
        /// Whether a method of this name may be one of the releases the engine knows (the disposal and close methods,
        /// <c>GCHandle.Free</c>, <c>ArrayPool.Return</c>, the native frees, a release callback): told from the name alone.
        /// </summary>
        /// <remarks>Asked of every call: constant patterns, which compile to tests of length and characters, not a hashed lookup.</remarks>
        public static bool IsBuiltInName(string name) =>
            name is "Dispose" or "DisposeAsync" or "Close" or "Free" or "AlignedFree" or "Return" or "Release" || IsMarshalFree(name);

        private static bool IsMarshalFree(string name) =>
            name is "FreeHGlobal" or "FreeCoTaskMem" or "FreeBSTR" or "ZeroFreeBSTR" or "ZeroFreeCoTaskMemAnsi" or "ZeroFreeCoTaskMemUnicode"
                or "ZeroFreeCoTaskMemUTF8" or "ZeroFreeGlobalAllocAnsi" or "ZeroFreeGlobalAllocUnicode";

    }
}
