using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LifetimeAnalyzers.Tests.Verifiers
{
    /// <summary>Applies one code fix to markup source, checks the result, and checks FixAll gives the same.</summary>
    public static class CodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

        public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
            VerifyAsync(source, fixedSource, codeActionEquivalenceKey: null, expected);

        public static Task VerifyAsync(string source, string fixedSource, string? codeActionEquivalenceKey, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = codeActionEquivalenceKey };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// For fixes whose one-at-a-time result differs from FixAll's (FixAll sees every diagnostic at once and can keep
        /// their relative order): <paramref name="fixedSource"/> is the one-at-a-time result.
        /// </summary>
        public static Task VerifyAsync(string source, string fixedSource, string fixAllSource, string? codeActionEquivalenceKey, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource, BatchFixedCode = fixAllSource, CodeActionEquivalenceKey = codeActionEquivalenceKey };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Checks that the fix is not offered for the diagnostics in <paramref name="source"/>.</summary>
        public static Task VerifyNotOfferedAsync(string source, string? codeActionEquivalenceKey, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = codeActionEquivalenceKey };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.None;
                TestState.AdditionalReferences.AddRange(TestReferences.Framework);
                FixedState.AdditionalReferences.AddRange(TestReferences.Framework);
            }
        }
    }
}
