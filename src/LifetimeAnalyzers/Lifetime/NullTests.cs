using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Recognises a branch condition that tests a place for null: <c>x == null</c>, <c>x is not null</c>, and the graph's own tests for <c>?.</c>.</summary>
    internal static class NullTests
    {
        public static NullTest? Analyse(IOperation? condition, CaptureMap captures)
        {
            switch (condition)
            {
                case IIsNullOperation isNull:
                    return For(isNull.Operand, nullWhenTrue: true, captures);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Analyse(not.Operand, captures) is { } inner ? new NullTest(inner.Path, !inner.NullWhenTrue) : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    if (IsNullConstant(binary.RightOperand))
                    {
                        return For(binary.LeftOperand, equals, captures);
                    }

                    return IsNullConstant(binary.LeftOperand) ? For(binary.RightOperand, equals, captures) : null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsNullConstant(constant.Value):
                    return For(pattern.Value, nullWhenTrue: true, captures);
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern when IsNullConstant(constant.Value):
                    return For(pattern.Value, nullWhenTrue: false, captures);
                default:
                    return null;
            }
        }

        private static NullTest? For(IOperation operand, bool nullWhenTrue, CaptureMap captures) =>
            AccessPaths.Resolve(operand, captures) is { } path ? new NullTest(path, nullWhenTrue) : null;

        private static bool IsNullConstant(IOperation operand) =>
            AccessPaths.SkipConversions(operand) is { ConstantValue: { HasValue: true, Value: null } };
    }

    internal sealed class NullTest
    {
        public NullTest(AccessPath path, bool nullWhenTrue)
        {
            Path = path;
            NullWhenTrue = nullWhenTrue;
        }

        public AccessPath Path { get; }

        public bool NullWhenTrue { get; }
    }
}
