using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>The same <c>.editorconfig</c> options for every file, as if one <c>[*.cs]</c> section held them.</summary>
    internal sealed class FixedOptionsProvider : AnalyzerConfigOptionsProvider
    {
        /// <summary>Options naming methods the corpus calls, so that the configured recognition layer runs under mutation too.</summary>
        public static readonly FixedOptionsProvider Contract = new(new Dictionary<string, string>
        {
            ["lifetime_analyzers.release_methods"] = "Shutdown, Free, Drivers.BufferPool.Recycle(0), Release(this), Close(1), Unmap",
            ["lifetime_analyzers.register_methods"] = "Attach, Subscribe(0), RegisterIommu",
            ["lifetime_analyzers.unregister_methods"] = "Detach, Unsubscribe(0)",
        });

        private readonly Options _options;

        public FixedOptionsProvider(IReadOnlyDictionary<string, string> values) => _options = new Options(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(IReadOnlyDictionary<string, string> values) =>
                _values = ImmutableDictionary.CreateRange(KeyComparer, values);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
