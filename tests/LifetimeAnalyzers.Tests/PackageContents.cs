using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Tests
{
    /// <summary>What the package ships, discovered by reflection so a new analyzer or fix is covered without editing the tests.</summary>
    internal static class PackageContents
    {
        internal const string CodeFixAssemblyName = "LifetimeAnalyzers.CodeFixes";

        internal static Assembly AnalyzerAssembly => typeof(Descriptors).Assembly;

        internal static Assembly CodeFixAssembly => Assembly.Load(CodeFixAssemblyName);

        /// <summary>A fresh instance of every concrete analyzer in the analyzer assembly.</summary>
        internal static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
            ConcreteTypes<DiagnosticAnalyzer>(AnalyzerAssembly)
                .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
                .ToImmutableArray();

        /// <summary>The concrete code fix provider types in the code-fix assembly.</summary>
        internal static ImmutableArray<Type> CodeFixProviderTypes() => ConcreteTypes<CodeFixProvider>(CodeFixAssembly);

        /// <summary>The concrete code refactoring provider types in the code-fix assembly.</summary>
        internal static ImmutableArray<Type> CodeRefactoringProviderTypes() => ConcreteTypes<CodeRefactoringProvider>(CodeFixAssembly);

        /// <summary>Every descriptor some analyzer supports, each instance once.</summary>
        internal static ImmutableArray<DiagnosticDescriptor> SupportedDescriptors() =>
            Analyzers()
                .SelectMany(analyzer => analyzer.SupportedDiagnostics)
                .Distinct()
                .ToImmutableArray();

        private static ImmutableArray<Type> ConcreteTypes<TBase>(Assembly assembly) =>
            assembly.GetTypes()
                .Where(type => typeof(TBase).IsAssignableFrom(type) && type.IsClass && !type.IsAbstract)
                .OrderBy(type => type.FullName, StringComparer.Ordinal)
                .ToImmutableArray();
    }
}
