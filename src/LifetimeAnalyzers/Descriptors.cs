using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers
{
    /// <summary>Every diagnostic the package reports, each built by <see cref="Create"/> so none ships without its docs page.</summary>
    internal static class Descriptors
    {
        internal const string Category = "Lifetime";
        internal const string HelpRoot = "https://github.com/lifetime-analyzers/LifetimeAnalyzers/blob/main/docs/rules/";

        internal static readonly DiagnosticDescriptor LIFE001UseAfterRelease = Create(
            id: "LIFE001",
            title: "Use after release",
            messageFormat: "'{0}' is used after {1} released it{2}",
            description: "An object is used after a statement that releases it on every path to the use: it was disposed, closed, freed, " +
                         "returned to its pool, or passed to a method that ends its life (for example one that invokes its release callback). " +
                         "Read what you need before the release, or move the cleanup into the object's release callback.");

        internal static readonly DiagnosticDescriptor LIFE002RegistrationBeforeInit = Create(
            id: "LIFE002",
            title: "Registration before full initialisation",
            messageFormat: "'{0}' is assigned after {1} published 'this', and the callback '{2}' reads it",
            description: "A constructor or init method registers 'this' (an event subscription, a started timer or thread, a queued task, " +
                         "a registry that keeps it, a static that holds it) before it assigns state that the registered callbacks read. " +
                         "A callback can run at once, on another thread, and see the object half built. Register last.");

        internal static readonly DiagnosticDescriptor LIFE003ReleaseWhileRegistered = Create(
            id: "LIFE003",
            title: "Release while still registered",
            messageFormat: "'{0}' is released while {1} can still use it{2}",
            description: "A teardown releases one of the object's resources while something that uses it can still run: a callback " +
                         "whose registration is undone only later in the teardown, or never; or another field built from the resource " +
                         "that is released only afterwards. Unregister first, then release, in the reverse order of acquisition.");

        internal static readonly DiagnosticDescriptor LIFE004DoubleRelease = Create(
            id: "LIFE004",
            title: "Double release",
            messageFormat: "'{0}' is released twice: {1} already released it{2}",
            description: "An object is released a second time on a path where it was already released, by a release that is not " +
                         "idempotent: freeing native memory twice, freeing a GCHandle twice, returning an array to its pool twice. " +
                         "Remove the second release, or clear the reference right after the first.");

        /// <summary>The help link of a rule: its page under docs/rules.</summary>
        internal static string HelpLink(string id) => HelpRoot + id + ".md";

        private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
            new DiagnosticDescriptor(
                id: id,
                title: title,
                messageFormat: messageFormat,
                category: Category,
                defaultSeverity: DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id));
    }
}
