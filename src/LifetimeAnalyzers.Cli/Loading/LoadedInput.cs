using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Cli.Loading
{
    /// <summary>What a path names.</summary>
    internal enum InputKind
    {
        /// <summary>A <c>.sln</c> or <c>.slnx</c>, opened through MSBuild.</summary>
        Solution,

        /// <summary>A <c>.csproj</c>, opened through MSBuild.</summary>
        Project,

        /// <summary>A folder of C# files, compiled ad hoc.</summary>
        Folder,

        /// <summary>One C# file, compiled ad hoc.</summary>
        File,
    }

    /// <summary>A loaded input: the workspace that owns it and the projects to analyse.</summary>
    internal sealed class LoadedInput : IDisposable
    {
        public LoadedInput(Workspace workspace, Solution solution, ImmutableArray<ProjectId> projects)
        {
            Workspace = workspace;
            Solution = solution;
            Projects = projects;
        }

        public Workspace Workspace { get; }

        public Solution Solution { get; }

        /// <summary>The projects whose documents are analysed (a multi-targeted project appears once per framework).</summary>
        public ImmutableArray<ProjectId> Projects { get; }

        public void Dispose() => Workspace.Dispose();
    }
}
