using System.Collections.Immutable;
using System.Linq;
using LifetimeAnalyzers.Lifetime;
using LifetimeAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers.Tests.Lifetime
{
    /// <summary>What the tests of the engine's parts hand it: a compilation's context, and the body of the method under test.</summary>
    internal static class EngineInputs
    {
        /// <summary>The engine's context for <paramref name="compilation"/>, with no options.</summary>
        public static LifetimeContext ContextOf(Compilation compilation) =>
            LifetimeContext.For(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));

        /// <summary>The bound body of the method called <c>M</c> in <paramref name="source"/>, which must compile, with its compilation's context.</summary>
        public static (IOperation Body, LifetimeContext Context) BodyOfM(string assemblyName, string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = TestReferences.CompileWithoutErrors(assemblyName, new[] { tree });
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "M");
            return (compilation.GetSemanticModel(tree).GetOperation(declaration)!, ContextOf(compilation));
        }
    }
}
