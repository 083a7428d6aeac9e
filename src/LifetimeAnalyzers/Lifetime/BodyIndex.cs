using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>
    /// What one walk of a body's operation tree, lambdas included, finds for every rule that reads the body: its calls and
    /// <c>using</c> statements, the operations that may register the object, the members it touches, where each symbol is
    /// last named, and whether the body jumps. The release flows' test before a graph (<see cref="LaterMentions"/>), the
    /// search for registrations (<see cref="Registrations.InBodies"/>) and what callbacks touch (<see cref="CallbackReach"/>)
    /// read the same bodies at their type's end; walking a bound tree costs more than what any of them asks of it, so the
    /// first to ask walks it for all. Kept as long as the body's semantic model is, and no
    /// longer (<see cref="LifetimeContext.BodyIndexes"/>). Never changed once made: rules read it from several threads.
    /// </summary>
    internal sealed class BodyIndex
    {
        private static readonly Dictionary<ISymbol, int> s_noneNamed = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);

        /// <summary>The walk's lists and tables, reused by each thread: the index keeps copies of the sizes found, which allocates less than lists grown one operation at a time.</summary>
        [ThreadStatic]
        private static Walker? s_walker;

        private readonly IOperation[] _callsAndUsings;
        private readonly IOperation[] _mayRegister;
        private readonly IOperation[] _membersAndCalls;

        // Where each symbol is last named. Locals and parameters by reference: a body's references to one share its symbol,
        // and comparing them as symbols reads each symbol first. Members as symbols: a generic type's member may come
        // through constructions that differ only in nullability, which name the same member.
        private readonly Dictionary<ISymbol, int> _variableLastNamedAt;
        private readonly Dictionary<ISymbol, int> _memberLastNamedAt;

        private BodyIndex(Walker walked)
        {
            _callsAndUsings = walked.CallsAndUsings.ToArray();
            _mayRegister = walked.MayRegister.ToArray();
            _membersAndCalls = walked.MembersAndCalls.ToArray();
            _variableLastNamedAt = Copy(walked.VariableLastNamedAt, SameSymbol.Instance);
            _memberLastNamedAt = Copy(walked.MemberLastNamedAt, SymbolEqualityComparer.Default);
            ObjectLastNamedAt = walked.ObjectLastNamedAt;
            ObjectLastHandedAt = walked.ObjectLastHandedAt;
            Jumps = walked.Jumps;
        }

        /// <summary>The calls and <c>using</c> statements, in the order of the tree.</summary>
        public IReadOnlyList<IOperation> CallsAndUsings => _callsAndUsings;

        /// <summary>The calls, object creations, event subscriptions and simple assignments, in the order of the tree: where a registration may be.</summary>
        public IReadOnlyList<IOperation> MayRegister => _mayRegister;

        /// <summary>The calls and the references to fields and properties, in the order of the tree: what a callback may touch and run.</summary>
        public IReadOnlyList<IOperation> MembersAndCalls => _membersAndCalls;

        /// <summary>Where the object is last named at all (this, written or not); -1 if nowhere.</summary>
        public int ObjectLastNamedAt { get; }

        /// <summary>Where the object is last handed on as a whole (this as a call's receiver or argument, not a member read from it); -1 if nowhere.</summary>
        public int ObjectLastHandedAt { get; }

        /// <summary>Whether a <c>goto</c> can run any statement after any other.</summary>
        public bool Jumps { get; }

        /// <summary>The index of <paramref name="body"/>, walked on the first question.</summary>
        public static BodyIndex Of(IOperation body, LifetimeContext context, CancellationToken cancellationToken)
        {
            if (body.SemanticModel is not { } model)
            {
                return Walk(body, cancellationToken);
            }

            var ofModel = context.BodyIndexes.GetValue(model, _ => new ConcurrentDictionary<IOperation, BodyIndex>());
            if (ofModel.TryGetValue(body, out var known))
            {
                return known;
            }

            // Walked outside the table: a cancelled walk is not kept. Two rules may walk the same body at once; both keep the first.
            return ofModel.GetOrAdd(body, Walk(body, cancellationToken));
        }

        /// <summary>Where a local, parameter, field or property is last named (the start of the operation naming it); false if nowhere.</summary>
        public bool LastNamedAt(ISymbol symbol, out int at) =>
            (symbol is ILocalSymbol or IParameterSymbol ? _variableLastNamedAt : _memberLastNamedAt).TryGetValue(symbol, out at);

        private static BodyIndex Walk(IOperation body, CancellationToken cancellationToken)
        {
            var walker = s_walker ??= new Walker();
            try
            {
                // The framework's walk pools its work list.
                foreach (var operation in body.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    walker.Note(operation);
                }

                return new BodyIndex(walker);
            }
            finally
            {
                // Emptied after each walk, cancelled or not: a thread's lists must not keep a body, and with it its compilation, alive.
                walker.Clear();
            }
        }

        private static Dictionary<ISymbol, int> Copy(Dictionary<ISymbol, int> found, IEqualityComparer<ISymbol> comparer)
        {
            if (found.Count == 0)
            {
                return s_noneNamed;
            }

            var copy = new Dictionary<ISymbol, int>(found.Count, comparer);
            foreach (var pair in found)
            {
                copy.Add(pair.Key, pair.Value);
            }

            return copy;
        }

        /// <summary>One walk's findings, before the index keeps them.</summary>
        private sealed class Walker
        {
            public List<IOperation> CallsAndUsings { get; } = new List<IOperation>();

            public List<IOperation> MayRegister { get; } = new List<IOperation>();

            public List<IOperation> MembersAndCalls { get; } = new List<IOperation>();

            public Dictionary<ISymbol, int> VariableLastNamedAt { get; } = new Dictionary<ISymbol, int>(SameSymbol.Instance);

            public Dictionary<ISymbol, int> MemberLastNamedAt { get; } = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);

            public int ObjectLastNamedAt { get; private set; } = -1;

            public int ObjectLastHandedAt { get; private set; } = -1;

            public bool Jumps { get; private set; }

            public void Clear()
            {
                CallsAndUsings.Clear();
                MayRegister.Clear();
                MembersAndCalls.Clear();
                VariableLastNamedAt.Clear();
                MemberLastNamedAt.Clear();
                ObjectLastNamedAt = -1;
                ObjectLastHandedAt = -1;
                Jumps = false;
            }

            /// <summary>Told by kind: this runs on every operation of every body.</summary>
            public void Note(IOperation operation)
            {
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                        CallsAndUsings.Add(operation);
                        MayRegister.Add(operation);
                        MembersAndCalls.Add(operation);
                        break;
                    case OperationKind.Using:
                        CallsAndUsings.Add(operation);
                        break;
                    case OperationKind.ObjectCreation or OperationKind.EventAssignment or OperationKind.SimpleAssignment:
                        MayRegister.Add(operation);
                        break;
                    case OperationKind.Branch:
                        Jumps |= ReachAfter.IsJump(operation);
                        break;
                    case OperationKind.LocalReference:
                        Named(VariableLastNamedAt, ((ILocalReferenceOperation)operation).Local, operation);
                        break;
                    case OperationKind.ParameterReference:
                        Named(VariableLastNamedAt, ((IParameterReferenceOperation)operation).Parameter, operation);
                        break;
                    case OperationKind.FieldReference:
                        Named(MemberLastNamedAt, ((IFieldReferenceOperation)operation).Field, operation);
                        MembersAndCalls.Add(operation);
                        break;
                    case OperationKind.PropertyReference:
                        Named(MemberLastNamedAt, ((IPropertyReferenceOperation)operation).Property, operation);
                        MembersAndCalls.Add(operation);
                        break;
                    case OperationKind.InstanceReference when ((IInstanceReferenceOperation)operation).ReferenceKind == InstanceReferenceKind.ContainingTypeInstance:
                        var at = StartOf(operation);
                        ObjectLastNamedAt = Math.Max(ObjectLastNamedAt, at);
                        if (operation.Parent is not (IFieldReferenceOperation or IPropertyReferenceOperation))
                        {
                            ObjectLastHandedAt = Math.Max(ObjectLastHandedAt, at);
                        }

                        break;
                }
            }

            private static void Named(Dictionary<ISymbol, int> lastNamedAt, ISymbol symbol, IOperation operation)
            {
                // The furthest kept: the walk follows the tree, whose order need not be the text's.
                var at = StartOf(operation);
                if (!lastNamedAt.TryGetValue(symbol, out var before) || before < at)
                {
                    lastNamedAt[symbol] = at;
                }
            }

            /// <summary>
            /// Where the walk notes an operation: the start of its text, leading trivia included. Compared with the end of a
            /// call, which ends a token, it answers as the text's start would, without reading down to the first token.
            /// </summary>
            private static int StartOf(IOperation operation) => operation.Syntax.FullSpan.Start;
        }

        /// <summary>Symbols compared by reference.</summary>
        private sealed class SameSymbol : IEqualityComparer<ISymbol>
        {
            public static readonly SameSymbol Instance = new SameSymbol();

            public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(ISymbol symbol) => RuntimeHelpers.GetHashCode(symbol);
        }
    }
}
