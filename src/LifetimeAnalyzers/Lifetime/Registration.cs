using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// One place where <c>this</c> becomes reachable from code that can call it back: an event subscription,
    /// a started timer or thread, a queued task, an object handed to a registry, <c>this</c> stored in a static.
    /// </summary>
    internal sealed class Registration
    {
        public Registration(IOperation operation, ImmutableArray<IMethodSymbol> callbacks, ImmutableArray<IOperation> lambdas, bool wholeInstance, RegistrationUndo undo)
        {
            Operation = operation;
            Callbacks = callbacks;
            Lambdas = lambdas;
            WholeInstance = wholeInstance;
            Undo = undo;
        }

        /// <summary>The operation that registers (the subscription, the start, the call that stores <c>this</c>).</summary>
        public IOperation Operation { get; }

        /// <summary>Methods of <c>this</c> handed over as callbacks.</summary>
        public ImmutableArray<IMethodSymbol> Callbacks { get; }

        /// <summary>Lambdas handed over as callbacks that capture <c>this</c>.</summary>
        public ImmutableArray<IOperation> Lambdas { get; }

        /// <summary>
        /// True when <c>this</c> itself is handed over (<c>Register(this)</c>, <c>s_instance = this</c>): whoever holds it may
        /// call any of its overrides and interface implementations.
        /// </summary>
        public bool WholeInstance { get; }

        /// <summary>What undoes this registration.</summary>
        public RegistrationUndo Undo { get; }

        /// <summary>How a message names the registration: <c>'bus.RegisterIommu(this)'</c>.</summary>
        public string Description => Describe.Quoted(Operation.Syntax);
    }
}
