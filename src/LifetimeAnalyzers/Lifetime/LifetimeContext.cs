using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Everything the engine knows about one compilation: the framework symbols, the user's options, and the
    /// method summaries. Built once per compilation and shared by every rule, so summaries are computed once.
    /// </summary>
    internal sealed class LifetimeContext
    {
        /// <summary>How many calls deep a release is followed through source methods.</summary>
        public const int SummaryDepth = 4;

        // Keyed weakly by compilation: the context lives exactly as long as the compilation it describes.
        private static readonly ConditionalWeakTable<Compilation, LifetimeContext> s_contexts = new ConditionalWeakTable<Compilation, LifetimeContext>();

        private readonly AnalyzerConfigOptionsProvider _optionsProvider;
        private readonly ConcurrentDictionary<SyntaxTree, LifetimeOptions> _options = new ConcurrentDictionary<SyntaxTree, LifetimeOptions>();

        /// <summary>
        /// Resolved on the first question, not when the compilation starts: looking a type up by name first makes the
        /// compilation bind its references, which the driver does anyway before the first body reaches a rule.
        /// </summary>
        private readonly System.Lazy<KnownSymbols> _symbols;

        private readonly System.Lazy<SourceNames> _sourceNames;

        private LifetimeContext(Compilation compilation, AnalyzerConfigOptionsProvider optionsProvider)
        {
            Compilation = compilation;
            _optionsProvider = optionsProvider;
            _symbols = new System.Lazy<KnownSymbols>(() => new KnownSymbols(compilation));
            _sourceNames = new System.Lazy<SourceNames>(() => new SourceNames(compilation));
            Contracts = new DeclaredContracts(compilation, _sourceNames);
            Summaries = new MethodSummaries(this);
            ReleaseNames = new ReleaseNames(this);
            Flows = new BodyFlows();
            Graphs = new ControlFlowGraphs();
            ParameterHandoffs = new ParameterHandoffs();
            EntryPoints = new EntryPoints(this);
        }

        public Compilation Compilation { get; }

        public KnownSymbols Symbols => _symbols.Value;

        /// <summary>What the source declares, by name: read on the first question that needs it.</summary>
        public SourceNames SourceNames => _sourceNames.Value;

        /// <summary>Which contract attributes the compilation declares at all.</summary>
        public DeclaredContracts Contracts { get; }

        public MethodSummaries Summaries { get; }

        /// <summary>Whether a source method could release, from names alone: asked before binding it for a summary.</summary>
        public ReleaseNames ReleaseNames { get; }

        /// <summary>Whether a source method could hand its parameters on, from its syntax: asked before binding it for the parameters it registers.</summary>
        public ParameterHandoffs ParameterHandoffs { get; }

        /// <summary>The release flow of each body, shared by the rules that read it.</summary>
        public BodyFlows Flows { get; }

        /// <summary>The control-flow graph of each body, shared by the summaries and the rules.</summary>
        public ControlFlowGraphs Graphs { get; }

        /// <summary>Where code holding an object of each type can call it back.</summary>
        public EntryPoints EntryPoints { get; }

        /// <summary>
        /// What the one walk of each body found, by the body's semantic model and then its operation tree: kept while the model
        /// is, which the compiler keeps while its file is being analysed, and the tree with it. One entry per model, not per
        /// body: an entry of this table costs a handle the collector tracks. Here, not in a static table, so that nothing
        /// outlives the compilation's context.
        /// </summary>
        public ConditionalWeakTable<SemanticModel, ConcurrentDictionary<IOperation, BodyIndex>> BodyIndexes { get; } =
            new ConditionalWeakTable<SemanticModel, ConcurrentDictionary<IOperation, BodyIndex>>();

        public static LifetimeContext For(Compilation compilation, AnalyzerOptions options)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var context = s_contexts.GetValue(compilation, c => new LifetimeContext(c, provider));
            // The same compilation analysed with other options (rare: a host re-running with a new .editorconfig) gets its own context.
            return ReferenceEquals(context._optionsProvider, provider) ? context : new LifetimeContext(compilation, provider);
        }

        /// <summary>Asked for every call the rules look at: a hit allocates nothing (the factory captures this context).</summary>
        public LifetimeOptions OptionsFor(SyntaxTree tree) =>
            _options.TryGetValue(tree, out var options) ? options : _options.GetOrAdd(tree, t => LifetimeOptions.Read(_optionsProvider.GetOptions(t)));
    }
}
