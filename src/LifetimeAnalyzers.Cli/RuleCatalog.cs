using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>
    /// The analyzers and code fixes of the package, found by reflection in its two assemblies (so a new rule or fix
    /// is picked up without touching the runner), narrowed to the rules a run selects.
    /// </summary>
    internal sealed class RuleCatalog
    {
        public const string AnalyzerAssemblyName = "LifetimeAnalyzers";
        public const string CodeFixAssemblyName = "LifetimeAnalyzers.CodeFixes";

        private RuleCatalog(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<DiagnosticDescriptor> rules, ImmutableArray<CodeFixProvider> fixers)
        {
            Analyzers = analyzers;
            Rules = rules;
            Fixers = fixers;
            RuleIds = rules.Select(r => r.Id).ToImmutableHashSet(StringComparer.Ordinal);
        }

        /// <summary>The analyzers that report at least one selected rule.</summary>
        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        /// <summary>The selected rules, ordered by id.</summary>
        public ImmutableArray<DiagnosticDescriptor> Rules { get; }

        public ImmutableHashSet<string> RuleIds { get; }

        /// <summary>The code fixes that fix at least one selected rule, in a stable order (by type name).</summary>
        public ImmutableArray<CodeFixProvider> Fixers { get; }

        /// <summary>Every C# analyzer and code fix in the package's assemblies.</summary>
        /// <exception cref="CliException">An assembly of the package is missing.</exception>
        public static RuleCatalog Load()
        {
            var analyzers = Instantiate<DiagnosticAnalyzer>(
                LoadAssembly(AnalyzerAssemblyName),
                type => type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)));
            var fixers = Instantiate<CodeFixProvider>(
                LoadAssembly(CodeFixAssemblyName),
                type => type.GetCustomAttributes<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)));

            var rules = analyzers
                .SelectMany(a => a.SupportedDiagnostics)
                .GroupBy(d => d.Id, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
            if (rules.IsEmpty)
            {
                throw new CliException($"no analyzers were found in {AnalyzerAssemblyName}.dll.");
            }

            return new RuleCatalog(analyzers, rules, fixers);
        }

        /// <summary>Narrows the catalog to <paramref name="ids"/>, or keeps every rule when it is null.</summary>
        /// <exception cref="CliException">An id names no rule.</exception>
        public RuleCatalog Select(IReadOnlyCollection<string>? ids)
        {
            if (ids is null)
            {
                return this;
            }

            var unknown = ids.Where(id => !RuleIds.Contains(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException(
                    $"unknown rule{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(id => "'" + id + "'"))}; " +
                    $"the rules are {string.Join(", ", Rules.Select(r => r.Id))}.");
            }

            var selected = ids.ToImmutableHashSet(StringComparer.Ordinal);
            return new RuleCatalog(
                Analyzers.Where(a => a.SupportedDiagnostics.Any(d => selected.Contains(d.Id))).ToImmutableArray(),
                Rules.Where(r => selected.Contains(r.Id)).ToImmutableArray(),
                Fixers.Where(f => f.FixableDiagnosticIds.Any(selected.Contains)).ToImmutableArray());
        }

        /// <summary>The selected rules that <paramref name="fixer"/> fixes.</summary>
        public ImmutableHashSet<string> FixableBy(CodeFixProvider fixer) =>
            fixer.FixableDiagnosticIds.Where(RuleIds.Contains).ToImmutableHashSet(StringComparer.Ordinal);

        private static Assembly LoadAssembly(string name)
        {
            try
            {
                return Assembly.Load(new AssemblyName(name));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new CliException($"{name}.dll could not be loaded: {e.Message}", e);
            }
        }

        private static ImmutableArray<T> Instantiate<T>(Assembly assembly, Func<Type, bool> isExported)
            where T : class
        {
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }

            return types
                .OfType<Type>()
                .Where(t => t.IsClass && !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null && isExported(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }
    }
}
