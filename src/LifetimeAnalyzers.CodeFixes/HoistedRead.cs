using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LifetimeAnalyzers.CodeFixes
{
    /// <summary>
    /// Where a member read that follows a release can move to: the statement, in the use's own block, that
    /// contains the release. Only plain reads of a field or property qualify: a call or a write would still
    /// touch the released object.
    /// </summary>
    internal sealed class HoistedRead
    {
        private HoistedRead(MemberAccessExpressionSyntax access, StatementSyntax before, ISymbol member)
        {
            Access = access;
            Before = before;
            Member = member;
        }

        /// <summary>The late read, <c>ved.Pads</c>.</summary>
        public MemberAccessExpressionSyntax Access { get; }

        /// <summary>The statement that releases; the local is declared just before it.</summary>
        public StatementSyntax Before { get; }

        public ISymbol Member { get; }

        /// <summary>The member, local function, lambda or top-level code the release is in: the scope a new local must not clash with.</summary>
        public SyntaxNode Body => Before.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax) ?? Before;

        /// <summary>The read as written, which identifies it across uses: <c>ved.Pads</c>.</summary>
        public string Read => Access.WithoutTrivia().ToString();

        public static HoistedRead? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax released
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not { } release)
            {
                return null;
            }

            if (released.Parent is not MemberAccessExpressionSyntax access || access.Expression != released || !IsPlainRead(access)
                || model.GetSymbolInfo(access, cancellationToken).Symbol is not { } member
                || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false }))
            {
                return null;
            }

            // The end of a using statement releases; reading before the whole statement would read too early.
            if (release.AncestorsAndSelf().Any(n => n is UsingStatementSyntax usingStatement && (usingStatement.Expression?.Span.Contains(release.Span) ?? false)))
            {
                return null;
            }

            return ReleasingStatement(access, release) is { } before ? new HoistedRead(access, before, member) : null;
        }

        /// <summary>
        /// The local an earlier fix already declared for this read, in the declarations just before the release:
        /// nothing runs between them, so it holds the same value.
        /// </summary>
        public string? ExistingLocal()
        {
            if (Before.Parent is not BlockSyntax block)
            {
                return null;
            }

            for (var i = block.Statements.IndexOf(Before) - 1; i >= 0 && block.Statements[i] is LocalDeclarationStatementSyntax declaration; i--)
            {
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer?.Value.WithoutTrivia().ToString() == Read)
                    {
                        return variable.Identifier.ValueText;
                    }
                }
            }

            return null;
        }

        /// <summary>A local name after the member (<c>Pads</c> → <c>pads</c>) that nothing in scope uses yet.</summary>
        public string LocalName(SemanticModel model, ISet<string> alsoTaken)
        {
            var baseName = Member.Name.TrimStart('_');
            baseName = baseName.Length == 0 ? "value" : char.ToLowerInvariant(baseName[0]) + baseName.Substring(1);
            if (SyntaxFacts.GetKeywordKind(baseName) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(baseName) != SyntaxKind.None)
            {
                baseName += "Value";
            }

            var declared = new HashSet<string>(Body.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            for (var suffix = 1; ; suffix++)
            {
                var candidate = suffix == 1 ? baseName : baseName + suffix;
                if (!declared.Contains(candidate) && !alsoTaken.Contains(candidate) && model.LookupSymbols(Before.SpanStart, name: candidate).IsEmpty)
                {
                    return candidate;
                }
            }
        }

        private static bool IsPlainRead(MemberAccessExpressionSyntax access) =>
            access.Parent switch
            {
                InvocationExpressionSyntax invocation => invocation.Expression != access,
                AssignmentExpressionSyntax assignment => assignment.Left != access,
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => false,
                ArgumentSyntax argument => argument.RefKindKeyword.IsKind(SyntaxKind.None),
                RefExpressionSyntax => false,
                _ => true,
            };

        /// <summary>
        /// The statement to hoist before: in the innermost block around the use, the earlier statement that
        /// contains the release. None when the release and the use share a statement.
        /// </summary>
        private static StatementSyntax? ReleasingStatement(SyntaxNode use, SyntaxNode release)
        {
            foreach (var useStatement in use.Ancestors().OfType<StatementSyntax>())
            {
                if (useStatement.Parent is not BlockSyntax block)
                {
                    continue;
                }

                var index = block.Statements.IndexOf(useStatement);
                for (var i = index - 1; i >= 0; i--)
                {
                    if (block.Statements[i].Span.Contains(release.Span))
                    {
                        return block.Statements[i];
                    }
                }

                if (useStatement.Span.Contains(release.Span))
                {
                    return null;
                }
            }

            return null;
        }
    }
}
