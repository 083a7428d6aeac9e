using System.Collections.Immutable;
using LifetimeAnalyzers.Lifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LifetimeAnalyzers
{
    /// <summary>LIFE004: an object is released again, by a release that is not idempotent, where every path has released it already.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DoubleReleaseAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the statement that clears the place right after the first release, when the release accepts the cleared value.</summary>
        public const string ClearStatement = nameof(ClearStatement);

        /// <summary>Diagnostic property: present when the first release happens on every path, so the second can go.</summary>
        public const string FirstOnEveryPath = nameof(FirstOnEveryPath);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LIFE004DoubleRelease);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var lifetime = LifetimeContext.For(start.Compilation, start.Options);
                FlowsAtTypeEnd.Register(start, lifetime, (body, result) => AnalyzeFlow(body, result, lifetime));
            });
        }

        private static void AnalyzeFlow(TypeEndBody context, ReleaseFlowResult result, LifetimeContext lifetime)
        {
            foreach (var twice in result.DoubleReleases)
            {
                // An object ending its own life through its own members is its teardown's business, as for uses.
                if (!twice.Second.ReportsUses)
                {
                    continue;
                }

                if (twice.First.Idempotent && twice.Second.Idempotent
                    && !IsConfiguredNonIdempotent(AccessPaths.SkipConversions(twice.Operand)?.Type, lifetime.OptionsFor(twice.Operand.Syntax.SyntaxTree)))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.LIFE004DoubleRelease,
                    twice.Second.Syntax.GetLocation(),
                    additionalLocations: new[] { twice.First.Syntax.GetLocation() },
                    properties: Properties(twice),
                    messageArgs: new object[] { twice.Path.Display, twice.First.Description, (twice.First.Certain ? string.Empty : " on one of its paths") + twice.First.ChainSuffix }));
            }
        }

        /// <summary>
        /// What the fixes need. Both assume the first release happens on every path: where it happens on an error
        /// path only, removing the second release, or clearing after the first, would leak on the other paths.
        /// </summary>
        private static ImmutableDictionary<string, string?> Properties(DoubleRelease twice)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (!twice.First.Certain)
            {
                return properties;
            }

            properties = properties.Add(FirstOnEveryPath, "true");
            return Clear(twice) is { } clear ? properties.Add(ClearStatement, clear) : properties;
        }

        /// <summary>
        /// <c>p = IntPtr.Zero;</c> for a native pointer kept in a place that can be assigned: freeing zero is a no-op,
        /// so clearing makes the second release harmless (the kernel's free-then-NULL).
        /// </summary>
        private static string? Clear(DoubleRelease twice)
        {
            var cleared = twice.Operand.Type switch
            {
                { SpecialType: SpecialType.System_IntPtr } => "System.IntPtr.Zero",
                { SpecialType: SpecialType.System_UIntPtr } => "System.UIntPtr.Zero",
                IPointerTypeSymbol => "null",
                _ => null,
            };
            // A local or parameter itself, or a writable field of this: members of other objects may be read-only.
            var assignable = twice.Path.Root switch
            {
                ILocalSymbol { IsConst: false, RefKind: RefKind.None } => twice.Path.Members.IsEmpty,
                IParameterSymbol { RefKind: RefKind.None or RefKind.Ref or RefKind.Out } => twice.Path.Members.IsEmpty,
                null => twice.Path.Members.Length == 1 && twice.Path.Members[0] is IFieldSymbol { IsReadOnly: false },
                _ => false,
            };
            return cleared is not null && assignable ? $"{twice.Path.Display} = {cleared};" : null;
        }

        /// <summary>A type the user declared not idempotent, or one deriving from it.</summary>
        private static bool IsConfiguredNonIdempotent(ITypeSymbol? type, LifetimeOptions options)
        {
            if (options.NonIdempotentTypes.IsEmpty)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (options.NonIdempotentTypes.Contains(current.Name) || options.NonIdempotentTypes.Contains(current.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
