using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>
    /// Where an analyzer's time goes, per method: every callback the analyzer registers is timed and charged to the
    /// symbol it analyses (an operation's containing method, a block's owner, a symbol action's symbol) or, for
    /// callbacks about a whole file or compilation, to that file or to the compilation.
    /// </summary>
    internal sealed class CallbackTimes
    {
        private readonly object _gate = new object();
        private readonly Dictionary<ISymbol, Entry> _symbols = new Dictionary<ISymbol, Entry>(SymbolEqualityComparer.Default);
        private readonly Dictionary<string, Entry> _others = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private long _pausedTicks;

        /// <summary>Runs <paramref name="action"/> on <paramref name="context"/> and charges its time to <paramref name="symbol"/>.</summary>
        public void Run<T>(ISymbol? symbol, Action<T> action, T context) => Run(symbol, null, action, context);

        /// <summary>
        /// Runs <paramref name="action"/> and charges its time to <paramref name="symbol"/>, or else to <paramref name="other"/>.
        /// Garbage-collection pauses during the callback are left out: they pay for the allocations of everything that ran
        /// before, and would otherwise make whichever method the collector happened to stop look slow.
        /// </summary>
        public void Run<T>(ISymbol? symbol, string? other, Action<T> action, T context)
        {
            var pauses = GC.GetTotalPauseDuration();
            var start = Stopwatch.GetTimestamp();
            try
            {
                action(context);
            }
            finally
            {
                var ticks = Stopwatch.GetTimestamp() - start;
                var paused = GC.GetTotalPauseDuration() - pauses;
                ticks = Math.Max(0, ticks - (long)(paused.TotalSeconds * Stopwatch.Frequency));
                lock (_gate)
                {
                    _pausedTicks += paused.Ticks;
                    if (symbol is not null)
                    {
                        _symbols[symbol] = _symbols.TryGetValue(symbol, out var entry) ? entry.Add(ticks) : new Entry(ticks, 1);
                    }
                    else
                    {
                        var key = other ?? "(other)";
                        _others[key] = _others.TryGetValue(key, out var entry) ? entry.Add(ticks) : new Entry(ticks, 1);
                    }
                }
            }
        }

        public TimeSpan Total
        {
            get
            {
                lock (_gate)
                {
                    return Stopwatch.GetElapsedTime(0, _symbols.Values.Sum(e => e.Ticks) + _others.Values.Sum(e => e.Ticks));
                }
            }
        }

        /// <summary>
        /// The garbage-collection pauses that fell inside the callbacks, left out of <see cref="Total"/>: collections the
        /// compiler's own work triggers stop the callbacks running at the time, whoever allocated.
        /// </summary>
        public TimeSpan Paused
        {
            get
            {
                lock (_gate)
                {
                    return TimeSpan.FromTicks(_pausedTicks);
                }
            }
        }

        /// <summary>
        /// The time per source member (methods, constructors, accessors, and symbols analysed as a whole), each scaled by
        /// <paramref name="cpuShare"/>, the share of the run the process had a CPU, to estimate CPU time.
        /// </summary>
        public IReadOnlyList<TimedItem> BySymbol(double cpuShare)
        {
            TimeSpan Scaled(long ticks) => TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(0, ticks).Ticks * cpuShare));
            lock (_gate)
            {
                return _symbols.Select(pair => new TimedItem(Describe(pair.Key), FileOf(pair.Key), Scaled(pair.Value.Ticks), pair.Value.Calls))
                    .Concat(_others.Select(pair => new TimedItem(pair.Key, null, Scaled(pair.Value.Ticks), pair.Value.Calls)))
                    .OrderByDescending(item => item.Time)
                    .ToList();
            }
        }

        /// <summary>The time per file: the sum over the members declared in it (a partial member counts in its first file).</summary>
        public IReadOnlyList<TimedItem> ByFile(double cpuShare)
        {
            return BySymbol(cpuShare)
                .Where(item => item.File is not null)
                .GroupBy(item => item.File!, StringComparer.Ordinal)
                .Select(group => new TimedItem(group.Key, group.Key, TimeSpan.FromTicks(group.Sum(item => item.Time.Ticks)), group.Sum(item => item.Calls)))
                .OrderByDescending(item => item.Time)
                .ToList();
        }

        private static string Describe(ISymbol symbol) =>
            symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + " [" + symbol.Kind + "]";

        private static string? FileOf(ISymbol symbol) =>
            symbol.Locations.FirstOrDefault(location => location.IsInSource)?.SourceTree?.FilePath;

        private readonly struct Entry
        {
            public Entry(long ticks, int calls)
            {
                Ticks = ticks;
                Calls = calls;
            }

            public long Ticks { get; }

            public int Calls { get; }

            public Entry Add(long ticks) => new Entry(Ticks + ticks, Calls + 1);
        }
    }

    /// <summary>A method, file or other unit of analysis, and the time an analyzer spent on it.</summary>
    internal sealed record TimedItem(string Name, string? File, TimeSpan Time, int Calls);

    /// <summary>
    /// Wraps an analyzer so that every callback it registers is timed into a <see cref="CallbackTimes"/>. The wrapped
    /// analyzer registers exactly what it would register alone; only the contexts it is handed are proxies.
    /// </summary>
    internal sealed class TimedAnalyzer : DiagnosticAnalyzer
    {
        public TimedAnalyzer(DiagnosticAnalyzer inner, CallbackTimes times)
        {
            Inner = inner;
            Times = times;
        }

        public DiagnosticAnalyzer Inner { get; }

        public CallbackTimes Times { get; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

        // The wrapped analyzer configures generated code and concurrency itself, through the proxy.
        public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedAnalysisContext(context, Times));

        private sealed class TimedAnalysisContext : AnalysisContext
        {
            private readonly AnalysisContext _inner;
            private readonly CallbackTimes _times;

            public TimedAnalysisContext(AnalysisContext inner, CallbackTimes times)
            {
                _inner = inner;
                _times = times;
            }

            public override DiagnosticSeverity MinimumReportedSeverity => _inner.MinimumReportedSeverity;

            public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _inner.ConfigureGeneratedCodeAnalysis(analysisMode);

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
                _inner.RegisterCompilationStartAction(c => _times.Run(null, "(compilation start)", x => action(new TimedCompilationStartContext(x, _times)), c));

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) =>
                _inner.RegisterCompilationAction(c => _times.Run(null, "(compilation)", action, c));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
                _inner.RegisterSemanticModelAction(c => _times.Run(null, "(semantic model) " + c.SemanticModel.SyntaxTree.FilePath, action, c));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
                _inner.RegisterSymbolAction(c => _times.Run(c.Symbol, action, c), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
                _inner.RegisterSymbolStartAction(c => _times.Run(c.Symbol, x => action(new TimedSymbolStartContext(x, _times)), c), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(c => _times.Run(c.OwningSymbol, x => action(new TimedCodeBlockStartContext<TLanguageKindEnum>(x, _times)), c));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
                _inner.RegisterCodeBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) =>
                _inner.RegisterSyntaxTreeAction(c => _times.Run(null, "(syntax tree) " + c.Tree.FilePath, action, c));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) =>
                _inner.RegisterAdditionalFileAction(c => _times.Run(null, "(additional file) " + c.AdditionalFile.Path, action, c));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(c => _times.Run(c.ContainingSymbol, action, c), syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(c => _times.Run(c.OwningSymbol, x => action(new TimedOperationBlockStartContext(x, _times)), c));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
                _inner.RegisterOperationBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(c => _times.Run(c.ContainingSymbol, action, c), operationKinds);
        }

        private sealed class TimedCompilationStartContext : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext _inner;
            private readonly CallbackTimes _times;

            public TimedCompilationStartContext(CompilationStartAnalysisContext inner, CallbackTimes times)
                : base(inner.Compilation, inner.Options, inner.CancellationToken)
            {
                _inner = inner;
                _times = times;
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
                _inner.RegisterCompilationEndAction(c => _times.Run(null, "(compilation end)", action, c));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) =>
                _inner.RegisterSemanticModelAction(c => _times.Run(null, "(semantic model) " + c.SemanticModel.SyntaxTree.FilePath, action, c));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
                _inner.RegisterSymbolAction(c => _times.Run(c.Symbol, action, c), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
                _inner.RegisterSymbolStartAction(c => _times.Run(c.Symbol, x => action(new TimedSymbolStartContext(x, _times)), c), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(c => _times.Run(c.OwningSymbol, x => action(new TimedCodeBlockStartContext<TLanguageKindEnum>(x, _times)), c));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
                _inner.RegisterCodeBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(c => _times.Run(c.OwningSymbol, x => action(new TimedOperationBlockStartContext(x, _times)), c));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
                _inner.RegisterOperationBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) =>
                _inner.RegisterSyntaxTreeAction(c => _times.Run(null, "(syntax tree) " + c.Tree.FilePath, action, c));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) =>
                _inner.RegisterAdditionalFileAction(c => _times.Run(null, "(additional file) " + c.AdditionalFile.Path, action, c));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(c => _times.Run(c.ContainingSymbol, action, c), syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(c => _times.Run(c.ContainingSymbol, action, c), operationKinds);
        }

        private sealed class TimedSymbolStartContext : SymbolStartAnalysisContext
        {
            private readonly SymbolStartAnalysisContext _inner;
            private readonly CallbackTimes _times;

            public TimedSymbolStartContext(SymbolStartAnalysisContext inner, CallbackTimes times)
#pragma warning disable CS0618 // Obsolete for hosts; a proxy that forwards every registration to the host's context has no other way in.
                : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
#pragma warning restore CS0618
            {
                _inner = inner;
                _times = times;
            }

            public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) =>
                _inner.RegisterSymbolEndAction(c => _times.Run(c.Symbol, action, c));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
                _inner.RegisterCodeBlockStartAction<TLanguageKindEnum>(c => _times.Run(c.OwningSymbol, x => action(new TimedCodeBlockStartContext<TLanguageKindEnum>(x, _times)), c));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) =>
                _inner.RegisterCodeBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(c => _times.Run(c.ContainingSymbol, action, c), syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
                _inner.RegisterOperationBlockStartAction(c => _times.Run(c.OwningSymbol, x => action(new TimedOperationBlockStartContext(x, _times)), c));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
                _inner.RegisterOperationBlockAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(c => _times.Run(c.ContainingSymbol, action, c), operationKinds);
        }

        private sealed class TimedOperationBlockStartContext : OperationBlockStartAnalysisContext
        {
            private readonly OperationBlockStartAnalysisContext _inner;
            private readonly CallbackTimes _times;

            public TimedOperationBlockStartContext(OperationBlockStartAnalysisContext inner, CallbackTimes times)
#pragma warning disable CS0618 // Obsolete for hosts; a proxy that forwards every registration to the host's context has no other way in.
                : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
#pragma warning restore CS0618
            {
                _inner = inner;
                _times = times;
            }

            public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) =>
                _inner.RegisterOperationBlockEndAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
                _inner.RegisterOperationAction(c => _times.Run(c.ContainingSymbol, action, c), operationKinds);
        }

        private sealed class TimedCodeBlockStartContext<TLanguageKindEnum> : CodeBlockStartAnalysisContext<TLanguageKindEnum>
            where TLanguageKindEnum : struct
        {
            private readonly CodeBlockStartAnalysisContext<TLanguageKindEnum> _inner;
            private readonly CallbackTimes _times;

            public TimedCodeBlockStartContext(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, CallbackTimes times)
#pragma warning disable CS0618 // Obsolete for hosts; a proxy that forwards every registration to the host's context has no other way in.
                : base(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
#pragma warning restore CS0618
            {
                _inner = inner;
                _times = times;
            }

            public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) =>
                _inner.RegisterCodeBlockEndAction(c => _times.Run(c.OwningSymbol, action, c));

            public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                _inner.RegisterSyntaxNodeAction(c => _times.Run(c.ContainingSymbol, action, c), syntaxKinds);
        }
    }
}
