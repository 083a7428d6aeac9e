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

        /// <summary>The statement that undoes the registration, in the object's own members, when it can be written without guessing.</summary>
        public string? Statement()
        {
            switch (Kind)
            {
                // Only places the object's own members can name: its fields, not the registering method's parameters.
                case UndoKind.Unsubscribe when Handler is { } handler && Event is { } @event:
                    var source = EventSource is { IsThis: true } path ? path.Display + "." : @event.IsStatic ? @event.ContainingType.Name + "." : null;
                    return source is null ? null : $"{source}{@event.Name} -= {handler.Name};";
                case UndoKind.StopTimer or UndoKind.DisposeToken when Token is { IsThis: true } token:
                    // A registration token may be a struct (CancellationTokenRegistration): no ?. there.
                    var isValue = token.Members[token.Members.Length - 1] switch
                    {
                        IFieldSymbol field => field.Type.IsValueType,
                        IPropertySymbol property => property.Type.IsValueType,
                        _ => false,
                    };
                    return isValue ? $"{token.Display}.Dispose();" : $"{token.Display}?.Dispose();";
                default:
                    return null;
            }
        }
    }
}
