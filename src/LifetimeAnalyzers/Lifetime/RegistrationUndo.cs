using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>How a registration is undone, and what identifies its undoing in a teardown.</summary>
    internal enum UndoKind
    {
        /// <summary><c>source.Event -= Handler</c>, or disposing the source.</summary>
        Unsubscribe,

        /// <summary><c>_timer.Dispose()</c>, <c>DisposeAsync()</c>, <c>Change(Infinite, …)</c>, <c>Stop()</c>.</summary>
        StopTimer,

        /// <summary><c>_thread.Join()</c>, <c>_task.Wait()</c>, <c>await _task</c>.</summary>
        JoinWorker,

        /// <summary><c>_registration.Dispose()</c> on the token the registering call returned.</summary>
        DisposeToken,

        /// <summary><c>registry.Unregister(this)</c>, or disposing the token the registering call returned.</summary>
        UnregisterInstance,

        /// <summary>Assigning the static that held <c>this</c> again.</summary>
        ClearStatic,
    }

    /// <summary>What undoes one registration: its kind, the place its token is kept, and for events the event and its source.</summary>
    internal sealed class RegistrationUndo
    {
        public RegistrationUndo(UndoKind kind, AccessPath? token, IEventSymbol? @event = null, AccessPath? eventSource = null, IMethodSymbol? handler = null)
        {
            Kind = kind;
            Token = token;
            Event = @event;
            EventSource = eventSource;
            Handler = handler;
        }

        public UndoKind Kind { get; }

        /// <summary>Where the timer, thread, task or registration token is kept; null when it is not kept (fire and forget).</summary>
        public AccessPath? Token { get; }

        public IEventSymbol? Event { get; }

        public AccessPath? EventSource { get; }

        /// <summary>The subscribed method, when the handler is a method rather than a lambda.</summary>
        public IMethodSymbol? Handler { get; }
    }
}
