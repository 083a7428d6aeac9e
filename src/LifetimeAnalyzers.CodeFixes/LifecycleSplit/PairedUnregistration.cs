using System.Linq;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.CodeFixes.LifecycleSplit
{
    /// <summary>
    /// The call that takes the object back out of what it registered itself with, when that API pairs its methods by
    /// name (<c>Add</c>/<c>Remove</c>, <c>Register</c>/<c>Unregister</c>, <c>AttachX</c>/<c>DetachX</c>) with the same
    /// parameters, and the object's own members can name the receiver.
    /// </summary>
    internal static class PairedUnregistration
    {
        private static readonly (string Do, string Undo)[] s_pairs =
        {
            ("Register", "Unregister"), ("Add", "Remove"), ("Attach", "Detach"), ("Subscribe", "Unsubscribe"), ("Connect", "Disconnect"),
        };

        public static string? Statement(Registration registration)
        {
            if (!registration.WholeInstance || registration.Operation is not IInvocationOperation invocation)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            var receiver = method.IsStatic ? method.ContainingType.Name
                : AccessPaths.Resolve(invocation.Instance, null) is { IsThis: true, Members.IsEmpty: false } path ? path.Display
                : null;
            if (receiver is null || invocation.Arguments.Any(a => AccessPaths.SkipConversions(a.Value) is not IInstanceReferenceOperation && !a.Value.ConstantValue.HasValue))
            {
                // The undo runs later, in Unregister: it can pass the object and constants, not what the registering code had at hand.
                return null;
            }

            foreach (var (@do, undo) in s_pairs)
            {
                if (!method.Name.StartsWith(@do, System.StringComparison.Ordinal))
                {
                    continue;
                }

                var name = undo + method.Name.Substring(@do.Length);
                var paired = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(m =>
                    m.IsStatic == method.IsStatic && m.Parameters.Length == method.Parameters.Length
                    && m.Parameters.Zip(method.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(same => same));
                if (paired is not null)
                {
                    var arguments = string.Join(", ", invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Syntax.ToString()));
                    return $"{receiver}.{name}({arguments});";
                }
            }

            return null;
        }
    }
}
