using System;
using System.Linq;
using Microsoft.Build.Locator;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>
    /// Points this process at the MSBuild of a .NET SDK (the one <c>dotnet</c> would pick in the input's folder, so a
    /// <c>global.json</c> there is honoured) before any MSBuild type is loaded. Done once per process.
    /// </summary>
    internal static class MSBuildRegistration
    {
        private static readonly object s_gate = new();

        /// <exception cref="CliException">No .NET SDK was found.</exception>
        public static void EnsureRegistered(string directory)
        {
            lock (s_gate)
            {
                if (MSBuildLocator.IsRegistered || !MSBuildLocator.CanRegister)
                {
                    return;
                }

                VisualStudioInstance? instance;
                try
                {
                    instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                    {
                        DiscoveryTypes = DiscoveryType.DotNetSdk,
                        WorkingDirectory = directory,
                    }).FirstOrDefault();
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or System.IO.IOException)
                {
                    throw new CliException($"no .NET SDK could be found to load projects with: {e.Message}", e);
                }

                if (instance is null)
                {
                    throw new CliException(
                        "no .NET SDK was found to load projects with; install one, or analyse the folder of sources instead of the project.");
                }

                MSBuildLocator.RegisterInstance(instance);
            }
        }
    }
}
