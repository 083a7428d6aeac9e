using System;
using System.Globalization;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The size and seed of the mutation fuzzing, from the environment so that a long local run needs no edit:
    /// <c>LIFETIME_FUZZ_MUTANTS=200 dotnet test tests/LifetimeAnalyzers.Tests -c Release --filter FullyQualifiedName~Robustness</c>.
    /// </summary>
    internal static class FuzzSettings
    {
        public const string MutantsVariable = "LIFETIME_FUZZ_MUTANTS";
        public const string SeedVariable = "LIFETIME_FUZZ_SEED";

        /// <summary>Mutants per snippet in a default run: small enough for CI, large enough to visit every mutation kind often.</summary>
        public const int DefaultMutantsPerSnippet = 6;

        /// <summary>The seed of a default run. Any run is reproduced exactly by its seed and size.</summary>
        public const int DefaultSeed = 20261108;

        /// <summary>How long the package's analyzers may spend on one mutant, and one code fix step may take.</summary>
        public static readonly TimeSpan MutantBound = TimeSpan.FromSeconds(10);

        /// <summary>How long the package's analyzers may spend on one hostile shape.</summary>
        public static readonly TimeSpan HostileBound = TimeSpan.FromSeconds(30);

        /// <summary>
        /// A whole analysis also waits for the compiler to bind the code, which on huge inputs or a busy machine
        /// can take longer than the analyzers themselves: it is cancelled only after this multiple of the bound.
        /// </summary>
        public const int WallClockSlack = 4;

        public static int MutantsPerSnippet => Read(MutantsVariable, DefaultMutantsPerSnippet, minimum: 0);

        public static int Seed => Read(SeedVariable, DefaultSeed, minimum: int.MinValue);

        private static int Read(string variable, int fallback, int minimum)
        {
            var text = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
            {
                throw new InvalidOperationException($"{variable} must be an integer of at least {minimum}, not '{text}'.");
            }

            return value;
        }
    }
}
