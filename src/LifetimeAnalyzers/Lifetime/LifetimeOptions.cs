using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>The user's own lifetime contract, read from <c>.editorconfig</c> (the second recognition layer).</summary>
    internal sealed class LifetimeOptions
    {
        public const string ReleaseMethodsKey = "lifetime_analyzers.release_methods";
        public const string RegisterMethodsKey = "lifetime_analyzers.register_methods";
        public const string UnregisterMethodsKey = "lifetime_analyzers.unregister_methods";
        public const string TeardownMethodsKey = "lifetime_analyzers.LIFE003.teardown_methods";
        public const string NonIdempotentTypesKey = "lifetime_analyzers.LIFE004.non_idempotent_types";

        private LifetimeOptions(MethodPatterns releaseMethods, MethodPatterns registerMethods, MethodPatterns unregisterMethods, MethodPatterns teardownMethods,
            ImmutableHashSet<string> nonIdempotentTypes)
        {
            NonIdempotentTypes = nonIdempotentTypes;
            TeardownMethods = teardownMethods;
            ReleaseMethods = releaseMethods;
            RegisterMethods = registerMethods;
            UnregisterMethods = unregisterMethods;
        }

        public MethodPatterns ReleaseMethods { get; }

        public MethodPatterns RegisterMethods { get; }

        public MethodPatterns UnregisterMethods { get; }

        /// <summary>Methods that tear an object down besides <c>Dispose</c>, <c>Close</c>, <c>Stop</c> and release callbacks.</summary>
        public MethodPatterns TeardownMethods { get; }

        /// <summary>Types whose <c>Dispose</c> must not run twice, by simple or full name.</summary>
        public ImmutableHashSet<string> NonIdempotentTypes { get; }

        public static LifetimeOptions Read(AnalyzerConfigOptions options) =>
            new LifetimeOptions(
                MethodPatterns.Parse(Value(options, ReleaseMethodsKey)),
                MethodPatterns.Parse(Value(options, RegisterMethodsKey)),
                MethodPatterns.Parse(Value(options, UnregisterMethodsKey)),
                MethodPatterns.Parse(Value(options, TeardownMethodsKey)),
                Names(Value(options, NonIdempotentTypesKey)));

        private static ImmutableHashSet<string> Names(string? value) =>
            value is null
                ? ImmutableHashSet<string>.Empty
                : value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()).Where(n => n.Length > 0).ToImmutableHashSet(StringComparer.Ordinal);

        private static string? Value(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out var value) ? value : null;
    }
}
