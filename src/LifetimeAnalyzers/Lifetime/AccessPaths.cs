using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>Which <see cref="AccessPath"/> an operation names, if any.</summary>
    internal static class AccessPaths
    {
        /// <summary>Captures of captures are few; the bound only guards against a capture that holds itself.</summary>
        private const int MaxCaptureHops = 8;

        /// <summary>The path <paramref name="operation"/> reads, looking through conversions and flow captures.</summary>
        public static AccessPath? Resolve(IOperation? operation, CaptureMap? captures) => Resolve(operation, captures, AccessPath.MaxMembers);

        /// <param name="members">How many member accesses may still be followed down: a longer chain is no path, and is
        /// not walked to its root (a chain 2,000 members long would be walked from each of its members).</param>
        private static AccessPath? Resolve(IOperation? operation, CaptureMap? captures, int members)
        {
            // Told by kind before any type test: this is asked of nearly every operation the rules walk, and most are no place.
            var skipped = SkipConversions(operation);
            switch (skipped?.Kind)
            {
                case OperationKind.LocalReference:
                    return AccessPath.For(((ILocalReferenceOperation)skipped).Local);
                case OperationKind.ParameterReference:
                    return AccessPath.For(((IParameterReferenceOperation)skipped).Parameter);
                case OperationKind.InstanceReference:
                    return ((IInstanceReferenceOperation)skipped).ReferenceKind == InstanceReferenceKind.ContainingTypeInstance ? AccessPath.This : null;
                case OperationKind.FieldReference:
                    var field = (IFieldReferenceOperation)skipped;
                    return field.Field.IsStatic ? AccessPath.For(field.Field) : members > 0 ? Resolve(field.Instance, captures, members - 1)?.Append(field.Field) : null;
                case OperationKind.PropertyReference:
                    var property = (IPropertyReferenceOperation)skipped;
                    return property.Arguments.IsEmpty && !property.Property.IsStatic && members > 0 ? Resolve(property.Instance, captures, members - 1)?.Append(property.Property) : null;
                case OperationKind.FlowCaptureReference:
                    return captures?.Resolve(((IFlowCaptureReferenceOperation)skipped).Id);
                case OperationKind.ConditionalAccessInstance:
                    return Resolve(ConditionalAccessOf((IConditionalAccessInstanceOperation)skipped)?.Operation, captures, members);
                default:
                    return null;
            }
        }

        /// <summary>The <c>a?.b</c> whose <c>a</c> an instance placeholder in <c>b</c> stands for.</summary>
        private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            for (var current = instance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access && access.Operation.Syntax.Span == instance.Syntax.Span)
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary>Whether an operation is <c>this</c> (or <c>base</c>), looking through conversions.</summary>
        public static bool IsThis(IOperation? operation) =>
            SkipConversions(operation) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>The operation below any conversions that keep the object's identity.</summary>
        public static IOperation? SkipConversions(IOperation? operation)
        {
            while (operation?.Kind == OperationKind.Conversion && operation is IConversionOperation { OperatorMethod: null } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// For an operation that names <paramref name="path"/>, the sub-operation that names its first
        /// <paramref name="length"/> members: in <c>ved.Pads</c>, the <c>ved</c>. Through a flow capture, the one in the
        /// captured value: <c>ved.Pads?.Length</c> reads <c>ved</c> once, however often the graph reads the capture.
        /// </summary>
        public static IOperation OperationForPrefix(IOperation operation, AccessPath path, int length, CaptureMap? captures = null)
        {
            var current = operation;
            var captureHops = 0;
            for (var steps = path.Members.Length - length; steps > 0;)
            {
                switch (SkipConversions(current))
                {
                    case IMemberReferenceOperation { Instance: { } instance }:
                        current = instance;
                        steps--;
                        break;
                    case IFlowCaptureReferenceOperation capture when captureHops++ < MaxCaptureHops && captures?.ValueOf(capture.Id) is { } value:
                        current = value;
                        break;
                    default:
                        return current;
                }
            }

            return SkipConversions(current) ?? current;
        }
    }

    /// <summary>
    /// What the control-flow graph's flow captures hold. The graph copies values into captures (for <c>?.</c>,
    /// <c>??</c>, <c>using</c>); a capture that always holds the same place stands for that place.
    /// </summary>
    internal sealed class CaptureMap
    {
        private readonly Dictionary<CaptureId, IOperation?> _values = new Dictionary<CaptureId, IOperation?>();
        private readonly Dictionary<CaptureId, AccessPath?> _resolved = new Dictionary<CaptureId, AccessPath?>();

        public CaptureMap(ControlFlowGraph graph)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture)
                    {
                        // A capture assigned in several places is only trusted when every place names the same path.
                        _values[capture.Id] = _values.ContainsKey(capture.Id) ? Ambiguous(capture.Id, capture.Value) : capture.Value;
                    }
                }
            }
        }

        /// <summary>The value a capture holds, when every place that assigns it names the same path.</summary>
        public IOperation? ValueOf(CaptureId id) => _values.TryGetValue(id, out var value) ? value : null;

        public AccessPath? Resolve(CaptureId id)
        {
            if (_resolved.TryGetValue(id, out var known))
            {
                return known;
            }

            // Mark before resolving so that a capture of itself cannot recurse.
            _resolved[id] = null;
            var path = _values.TryGetValue(id, out var value) ? AccessPaths.Resolve(value, this) : null;
            _resolved[id] = path;
            return path;
        }

        private IOperation? Ambiguous(CaptureId id, IOperation value)
        {
            var first = _values[id];
            if (first is null)
            {
                return null;
            }

            var firstPath = AccessPaths.Resolve(first, null);
            var secondPath = AccessPaths.Resolve(value, null);
            return firstPath is not null && firstPath.Equals(secondPath) ? first : null;
        }
    }
}
