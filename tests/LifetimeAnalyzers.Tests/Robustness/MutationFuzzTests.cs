using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Analyzers run on every keystroke, on half-typed code: every snippet of the samples and the tests, broken
    /// in many ways, must be analysed without an exception and in bounded time, and every code fix must survive
    /// what the analyzers report on it. The size of the run comes from <c>LIFETIME_FUZZ_MUTANTS</c>, its seed from
    /// <c>LIFETIME_FUZZ_SEED</c>.
    /// </summary>
    public sealed class MutationFuzzTests : IClassFixture<MutationFuzzRun>
    {
        private readonly MutationFuzzRun _run;

        public MutationFuzzTests(MutationFuzzRun run, ITestOutputHelper output)
        {
            _run = run;
            output.WriteLine(run.Summary);
        }

        [Fact]
        public void Corpus_holds_the_samples_and_the_test_sources()
        {
            var fromSamples = _run.Snippets.Count(s => s.Origin.StartsWith("samples/", StringComparison.Ordinal));
            var fromTests = _run.Snippets.Count(s => s.Origin.StartsWith("tests/", StringComparison.Ordinal));

            Assert.True(fromSamples > 0, "No sample file was read.");
            Assert.True(fromTests > 0, "No C# source was found in the test files.");
            var withMarkup = _run.Snippets.Where(s => s.Text.Contains("{|") || s.Text.Contains("|}")).Select(s => s.Origin).ToList();
            Assert.True(withMarkup.Count == 0, "Test markup was left in: " + string.Join(", ", withMarkup));
        }

        [Fact]
        public void No_analyzer_throws_on_any_mutant()
        {
            Assert.True(_run.MutantsAnalysed == _run.Snippets.Length * _run.MutantsPerSnippet, "Not every mutant was analysed.\n" + _run.Summary);
            Assert.True(
                _run.AnalyzerFailures.Count == 0,
                $"Analyzers threw (or reported AD0001) on {_run.AnalyzerFailures.Count} input(s).\n{_run.Summary}\n\n{MutationFuzzRun.Report(_run.AnalyzerFailures)}");
        }

        [Fact]
        public void Every_mutant_is_analysed_within_the_bound()
        {
            Assert.True(
                _run.SlowInputs.Count == 0,
                $"{_run.SlowInputs.Count} input(s) broke the time bound of {FuzzSettings.MutantBound.TotalSeconds:0} s.\n{_run.Summary}\n\n{MutationFuzzRun.Report(_run.SlowInputs)}");
        }

        [Fact]
        public void No_code_fix_throws_on_what_the_analyzers_report()
        {
            Assert.True(
                _run.FixFailures.Count == 0,
                $"Code fixes failed {_run.FixFailures.Count} time(s).\n{_run.Summary}\n\n{MutationFuzzRun.Report(_run.FixFailures)}");
        }

        // Checked on the originals only: a fix of code that compiles must not break the build.
        [Fact]
        public void Code_fixes_of_compiling_snippets_give_compiling_code()
        {
            Assert.True(_run.CompilingOriginalsFixed > 0, "No compiling snippet had a diagnostic to fix.\n" + _run.Summary);
            Assert.True(
                _run.BrokenFixes.Count == 0,
                $"{_run.BrokenFixes.Count} fix(es) turned compiling code into code that does not compile.\n{_run.Summary}\n\n{MutationFuzzRun.Report(_run.BrokenFixes)}");
        }

        // A fuzzing run that never reaches the fixes proves nothing about them.
        [Fact]
        public void Every_code_fix_is_exercised()
        {
            Assert.NotEmpty(_run.CodeFixNames);
            Assert.True(_run.FixInvocations > 0 && _run.FixActionsApplied > 0, "No code fix registered an action.\n" + _run.Summary);
            var idle = _run.CodeFixNames.Where(name => _run.InvocationsPerFix[name] == 0).ToList();
            Assert.True(
                idle.Count == 0,
                "These fixes were never invoked: no snippet raises their diagnostics. Add tests with sources that do.\n" + string.Join(", ", idle) + "\n" + _run.Summary);
        }
    }
}
