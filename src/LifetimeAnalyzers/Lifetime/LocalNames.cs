using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The names a method declares for variables of its own, in any scope: locals, loop and catch variables, pattern,
    /// <c>out</c> and deconstruction variables. Noted node by node during a walk of the method that leaves out lambdas
    /// and local functions, as the questions asked of it do. A name not among them is never a local of the method.
    /// </summary>
    internal sealed class LocalNames
    {
        // Made on the first name: most methods a summary looks at declare none.
        private HashSet<string>? _names;

        public void Note(SyntaxNode node)
        {
            var declared = node switch
            {
                VariableDeclaratorSyntax variable => variable.Identifier,
                ForEachStatementSyntax loop => loop.Identifier,
                CatchDeclarationSyntax caught => caught.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                _ => default,
            };
            if (declared.ValueText.Length > 0)
            {
                (_names ??= new HashSet<string>()).Add(declared.ValueText);
            }
        }

        /// <summary>Whether a use of <paramref name="name"/> in the method may be one of its own variables.</summary>
        public bool MayBeLocal(string name) => _names?.Contains(name) == true;
    }
}
