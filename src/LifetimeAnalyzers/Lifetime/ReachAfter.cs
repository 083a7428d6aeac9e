using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What may run after an operation in the same function, told from the operation tree alone (a <c>goto</c> is the
    /// caller's business): code written later, except the other branch of an <c>if</c> or <c>switch</c> it sits in, code
    /// past a <c>return</c> or <c>throw</c> it reaches first, and lambdas and local functions, whose flows are their own.
    /// In a loop, anything in the function may.
    /// </summary>
    internal sealed class ReachAfter
    {
        /// <summary>
        /// Steps up the tree all questions to one instance may take before the answer is "it may": keeps deeply nested
        /// code (a thousand nested conditionals) linear.
        /// </summary>
        private const int MaxSteps = 10_000;

        /// <summary>Chains longer than this are looked up through an index rather than scanned.</summary>
        private const int MaxScannedChain = 16;

        private readonly IOperation _operation;

        /// <summary>The operation and its ancestors up to its function, built when first needed (most calls never need it).</summary>
        private List<IOperation>? _chain;
        private Dictionary<IOperation, int>? _chainIndex;
        private int _steps;

        public ReachAfter(IOperation operation)
        {
            _operation = operation;
            for (var current = operation; current is not null && !IsFunction(current); current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    InnermostLoop ??= loop;
                }
            }
        }

        /// <summary>Whether the operation sits in a loop of its own function: then its effects meet code written before it.</summary>
        public bool InLoop => InnermostLoop is not null;

        /// <summary>The innermost loop of its own function the operation sits in.</summary>
        public ILoopOperation? InnermostLoop { get; }

        /// <summary>
        /// Whether <paramref name="root"/> is a local that each round of the loop around the operation declares afresh (the
        /// iteration variable of a <c>foreach</c>, a local declared in the loop's body): what a round does to its value
        /// cannot meet code written before the operation in the next round, which reads a value of its own. The compiler
        /// sees to that: a local declared in the body must be assigned in the round before it is read.
        /// </summary>
        public bool DeclaresAfreshEachRound(ISymbol? root)
        {
            if (root is not ILocalSymbol local || InnermostLoop is not { } loop)
            {
                return false;
            }

            if (loop is IForEachLoopOperation && loop.Locals.Contains(local, SymbolEqualityComparer.Default))
            {
                return true;
            }

            var body = loop.Body.Syntax.Span;
            foreach (var declaration in local.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == loop.Syntax.SyntaxTree && body.Contains(declaration.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where the operation's code ends: what may run after it is written after this point.</summary>
        public int End => _operation.Syntax.Span.End;

        /// <summary>Whether <paramref name="later"/>, written after the operation, may run after it in the same function.</summary>
        /// <param name="unreachableUntil">
        /// Where no: the end of the code around <paramref name="later"/> that the same answer holds for (the rest of its
        /// branch, its lambda), which a caller going through later code in order can skip.
        /// </param>
        public bool MayReach(IOperation later, out int unreachableUntil)
        {
            var chain = _chain ??= Chain(_operation);
            IOperation? laterSide = null;
            var current = later;
            int depth;
            while ((depth = IndexOf(chain, current)) < 0)
            {
                if (IsFunction(current) || current.Parent is null)
                {
                    // In a lambda or local function the operation is not in, or outside the operation's own function.
                    unreachableUntil = current.Parent is null ? int.MaxValue : current.Syntax.Span.End;
                    return false;
                }

                if (++_steps > MaxSteps)
                {
                    unreachableUntil = 0;
                    return true;
                }

                laterSide = current;
                current = current.Parent;
            }

            unreachableUntil = laterSide?.Syntax.Span.End ?? 0;
            var ownSide = depth > 0 ? chain[depth - 1] : null;
            if (ownSide is null || laterSide is null)
            {
                // One contains the other.
                return true;
            }

            return current switch
            {
                IConditionalOperation branch => !IsEither(ownSide, laterSide, branch.WhenTrue, branch.WhenFalse),
                ISwitchOperation => !(ownSide is ISwitchCaseOperation && laterSide is ISwitchCaseOperation),
                ISwitchExpressionOperation => !(ownSide is ISwitchExpressionArmOperation && laterSide is ISwitchExpressionArmOperation),
                IBlockOperation block => !LeavesBelow(chain, depth) && !ExitBetween(block, ownSide, laterSide),
                _ => true,
            };
        }

        private static List<IOperation> Chain(IOperation operation)
        {
            var chain = new List<IOperation>();
            for (var current = operation; current is not null; current = current.Parent)
            {
                chain.Add(current);
                if (IsFunction(current))
                {
                    break;
                }
            }

            return chain;
        }

        /// <summary>Where <paramref name="operation"/> is in the chain: most chains are short, and a scan beats hashing.</summary>
        private int IndexOf(List<IOperation> chain, IOperation operation)
        {
            if (chain.Count > MaxScannedChain)
            {
                if (_chainIndex is null)
                {
                    _chainIndex = new Dictionary<IOperation, int>(chain.Count);
                    for (var i = 0; i < chain.Count; i++)
                    {
                        _chainIndex[chain[i]] = i;
                    }
                }

                return _chainIndex.TryGetValue(operation, out var index) ? index : -1;
            }

            for (var i = 0; i < chain.Count; i++)
            {
                if (ReferenceEquals(chain[i], operation))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsEither(IOperation one, IOperation other, IOperation first, IOperation? second) =>
            (one == first && other == second) || (one == second && other == first);

        /// <summary>
        /// Whether control leaves the function between the operation and the ancestor at <paramref name="depth"/>: the
        /// operation sits in a <c>return</c> or <c>throw</c>, or one follows it in a block on the way up, and no <c>try</c>
        /// on the way could catch and carry on.
        /// </summary>
        private static bool LeavesBelow(List<IOperation> chain, int depth)
        {
            var leaves = false;
            for (var i = 0; i < depth; i++)
            {
                switch (chain[i])
                {
                    case ITryOperation:
                        return false;
                    case var exit when IsExit(exit):
                    case IBlockOperation block when i > 0 && ExitBetween(block, chain[i - 1], last: null):
                        leaves = true;
                        break;
                }
            }

            return leaves;
        }

        /// <summary>Whether a statement of <paramref name="block"/> after <paramref name="first"/> (and before <paramref name="last"/>, if given) leaves the function.</summary>
        private static bool ExitBetween(IBlockOperation block, IOperation first, IOperation? last)
        {
            var between = false;
            foreach (var statement in block.Operations)
            {
                if (statement == last)
                {
                    return false;
                }

                if (between && IsExit(statement))
                {
                    return true;
                }

                between |= statement == first;
            }

            return false;
        }

        /// <summary>A statement that leaves the function: <c>return</c>, <c>yield break</c>, <c>throw</c>.</summary>
        private static bool IsExit(IOperation statement) =>
            statement is IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
            || statement is IThrowOperation { Parent: IBlockOperation or IExpressionStatementOperation or ISwitchCaseOperation }
            || statement is IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>A <c>goto</c>: it can run any statement after any other, which the tree does not show.</summary>
        public static bool IsJump(IOperation operation) => operation is IBranchOperation { BranchKind: BranchKind.GoTo };

        private static bool IsFunction(IOperation operation) =>
            operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
    }
}
