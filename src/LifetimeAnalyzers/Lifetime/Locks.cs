using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Which lock of the object's own an operation runs under.</summary>
    internal static class Locks
    {
        /// <summary>The member of <c>this</c> (or static field) locked by the innermost <c>lock</c> around <paramref name="operation"/>, up to <paramref name="root"/>.</summary>
        public static ISymbol? Around(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current is not null && current != root.Parent; current = current.Parent)
            {
                if (current is ILockOperation @lock)
                {
                    return AccessPaths.Resolve(@lock.LockedValue, null) switch
                    {
                        { IsThis: true, Members.Length: 1 } path => path.Members[0].OriginalDefinition,
                        { Root: IFieldSymbol { IsStatic: true } field, Members.IsEmpty: true } => field.OriginalDefinition,
                        _ => null,
                    };
                }
            }

            return null;
        }
    }
}
