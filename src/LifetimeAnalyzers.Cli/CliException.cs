using System;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>
    /// Bad input: a wrong option, a path that does not exist, a project that does not load. The runner prints the
    /// message as one line on standard error and exits with <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    internal sealed class CliException : Exception
    {
        public CliException(string message)
            : base(message)
        {
        }

        public CliException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
