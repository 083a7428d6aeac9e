using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace LifetimeAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The framework every test compiles against: the reference assemblies this test project was built with,
    /// listed at build time, so no test downloads anything.
    /// </summary>
    internal static class TestReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(Load);

        /// <summary>Empty on purpose: the framework comes from <see cref="Framework"/>, not from a NuGet download.</summary>
        internal static ReferenceAssemblies None { get; } = new ReferenceAssemblies("net10.0");

        internal static ImmutableArray<MetadataReference> Framework => s_framework.Value;

        /// <summary>
        /// A library of <paramref name="trees"/> compiled against <see cref="Framework"/>, which must have no errors: the
        /// tests of the engine's parts ask about code that compiles.
        /// </summary>
        internal static CSharpCompilation CompileWithoutErrors(string name, IEnumerable<SyntaxTree> trees, NullableContextOptions nullable = NullableContextOptions.Disable)
        {
            var compilation = CSharpCompilation.Create(name, trees, Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return compilation;
        }

        private static ImmutableArray<MetadataReference> Load()
        {
            var list = Path.Combine(AppContext.BaseDirectory, "framework-references.txt");
            if (!File.Exists(list))
            {
                throw new InvalidOperationException($"{list} is missing: build the test project with dotnet build before running it.");
            }

            return File.ReadAllLines(list)
                .Where(line => line.Length > 0)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }
}
