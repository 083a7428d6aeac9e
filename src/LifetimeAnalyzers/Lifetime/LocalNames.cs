using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The names a method declares for variables of its own, in any scope: locals, loop and catch variables, pattern,
    /// <c>out</c> and deconstruction variables. Lambdas and local functions are left out, as the walks that ask leave
    /// them out. A name not among them is never a local of the method.
    /// </summary>
    internal sealed class LocalNames
    {
        private readonly HashSet<string> _names;

        private LocalNames(HashSet<string> names) => _names = names;

        public static LocalNames Of(SyntaxNode method)
        {
            var names = new HashSet<string>();
            foreach (var node in method.DescendantNodes(node => node == method || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax variable:
                        names.Add(variable.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax loop:
                        names.Add(loop.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax caught:
                        names.Add(caught.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                }
            }

            return new LocalNames(names);
        }

        /// <summary>Whether a use of <paramref name="name"/> in the method may be one of its own variables.</summary>
        public bool MayBeLocal(string name) => _names.Contains(name);
    }
}
