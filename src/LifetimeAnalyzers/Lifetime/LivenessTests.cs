using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// Recognises a branch condition that asks whether an object is still alive: <c>h.IsAllocated</c>,
    /// <c>!s.IsDisposed</c>. Where the answer is "alive", the object has not been released, whatever came before.
    /// </summary>
    internal static class LivenessTests
    {
        /// <summary>The place tested, and whether it is alive when the condition is true; null for other conditions.</summary>
        public static (AccessPath Path, bool AliveWhenTrue)? Analyse(IOperation? condition, CaptureMap captures)
        {
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Analyse(not.Operand, captures) is { } inner ? (inner.Path, !inner.AliveWhenTrue) : null;
                case IPropertyReferenceOperation { Instance: { } instance } query when Uses.IsStateQuery(query.Property)
                    && AccessPaths.Resolve(instance, captures) is { } path:
                    // IsAllocated is true while alive; IsDisposed, IsClosed, IsReleased are true once dead.
                    return (path, query.Property.Name.EndsWith("Allocated", System.StringComparison.Ordinal));
                default:
                    return null;
            }
        }
    }
}
