namespace LifetimeAnalyzers.Cli
{
    /// <summary>What the process exit code means.</summary>
    public static class ExitCodes
    {
        /// <summary>Nothing at or above the <c>--fail-on</c> severity was found.</summary>
        public const int Clean = 0;

        /// <summary>At least one diagnostic at or above the <c>--fail-on</c> severity was found.</summary>
        public const int DiagnosticsFound = 1;

        /// <summary>The input could not be analysed: a bad option, a missing path, a project that does not load.</summary>
        public const int BadInput = 2;
    }
}
