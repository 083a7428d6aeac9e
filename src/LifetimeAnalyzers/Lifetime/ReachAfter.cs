using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What may run after an operation in the same function, told from the operation tree alone (a <c>goto</c> is the
    /// caller's business): code written later, except the other branch of an <c>if</c> or <c>switch</c> it sits in, code
    /// after a <c>return</c> or <c>throw</c> it sits in, and lambdas and local functions, whose flows are their own.
    /// In a loop, anything in the function may.
    /// </summary>
    internal sealed class ReachAfter
    {
        private readonly IOperation _operation;

        /// <summary>The operation and its ancestors up to its function, each with its depth in that chain.</summary>
        private readonly Dictionary<IOperation, int> _ancestors = new Dictionary<IOperation, int>();
        private readonly List<IOperation> _chain = new List<IOperation>();

        public ReachAfter(IOperation operation)
        {
            _operation = operation;
            for (var current = operation; current is not null; current = current.Parent)
            {
                _ancestors[current] = _chain.Count;
                _chain.Add(current);
                InLoop |= current is ILoopOperation;
                if (IsFunction(current))
                {
                    break;
                }
            }
        }

        /// <summary>Whether the operation sits in a loop of its own function: then its effects meet code written before it.</summary>
        public bool InLoop { get; }

        /// <summary>Where the operation's code ends: what may run after it is written after this point.</summary>
        public int End => _operation.Syntax.Span.End;

        /// <summary>Whether <paramref name="later"/>, written after the operation, may run after it in the same function.</summary>
        public bool MayReach(IOperation later)
        {
            IOperation? laterSide = null;
            var current = later;
            while (!_ancestors.ContainsKey(current))
            {
                if (IsFunction(current) || current.Parent is null)
                {
                    // In a lambda or local function the operation is not in, or outside the operation's own function.
                    return false;
                }

                laterSide = current;
                current = current.Parent;
            }

            var depth = _ancestors[current];
            var ownSide = depth > 0 ? _chain[depth - 1] : null;
            if (ownSide is null || laterSide is null)
            {
                // One contains the other.
                return true;
            }

            return current switch
            {
                IConditionalOperation branch => !(IsEither(ownSide, laterSide, branch.WhenTrue, branch.WhenFalse)),
                ISwitchOperation => !(ownSide is ISwitchCaseOperation && laterSide is ISwitchCaseOperation),
                ISwitchExpressionOperation => !(ownSide is ISwitchExpressionArmOperation && laterSide is ISwitchExpressionArmOperation),
                IBlockOperation => !LeavesBelow(depth),
                _ => true,
            };
        }

        private static bool IsEither(IOperation one, IOperation other, IOperation first, IOperation? second) =>
            (one == first && other == second) || (one == second && other == first);

        /// <summary>
        /// Whether the operation sits in a <c>return</c> or <c>throw</c> below the ancestor at <paramref name="depth"/>, with no
        /// <c>try</c> between that could catch and carry on.
        /// </summary>
        private bool LeavesBelow(int depth)
        {
            for (var i = 0; i < depth; i++)
            {
                switch (_chain[i])
                {
                    case ITryOperation:
                        return false;
                    case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
                    case IThrowOperation { Parent: IExpressionStatementOperation }:
                        for (var j = i + 1; j < depth; j++)
                        {
                            if (_chain[j] is ITryOperation)
                            {
                                return false;
                            }
                        }

                        return true;
                }
            }

            return false;
        }

        private static bool IsFunction(IOperation operation) =>
            operation is IAnonymousFunctionOperation or ILocalFunctionOperation;
    }
}
