using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LifetimeAnalyzers.Tests.Verifiers
{
    /// <summary>Runs one analyzer over markup source and compares its diagnostics with the markup's.</summary>
    public static class AnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, expected);

        public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with <paramref name="librarySource"/> compiled apart and referenced.</summary>
        public static Task VerifyWithLibraryAsync(string source, string librarySource, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            var library = test.TestState.AdditionalProjects["Library"];
            library.AdditionalReferences.AddRange(TestReferences.Framework);
            library.Sources.Add(librarySource);
            test.TestState.AdditionalProjectReferences.Add("Library");
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.None;
                TestState.AdditionalReferences.AddRange(TestReferences.Framework);
            }
        }
    }
}
