using System.Reflection;

namespace LifetimeAnalyzers.Cli.Output
{
    /// <summary>The version of the tool, from its assembly, without the source revision the build appends after '+'.</summary>
    internal static class ToolVersion
    {
        public static string Current { get; } = Read();

        private static string Read()
        {
            var assembly = typeof(ToolVersion).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }
}
