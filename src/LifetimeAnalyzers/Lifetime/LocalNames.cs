using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// The names a method declares for variables of its own, in any scope: locals, loop and catch variables, pattern,
    /// <c>out</c> and deconstruction variables. Noted node by node during a walk of the method that leaves out lambdas
    /// and local functions (<see cref="Within"/>), as the questions asked of it do. A name not among them is never a
    /// local of the method.
    /// </summary>
    internal sealed class LocalNames
    {
        private readonly HashSet<string> _names = new HashSet<string>();

        /// <summary>The walk's filter: the method's own code, without the lambdas and local functions in it.</summary>
        public static Func<SyntaxNode, bool> Within(SyntaxNode method) =>
            node => node == method || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

        public void Note(SyntaxNode node)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax variable:
                    _names.Add(variable.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax loop:
                    _names.Add(loop.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax caught:
                    _names.Add(caught.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    _names.Add(designation.Identifier.ValueText);
                    break;
            }
        }

        /// <summary>Whether a use of <paramref name="name"/> in the method may be one of its own variables.</summary>
        public bool MayBeLocal(string name) => _names.Contains(name);
    }
}
