using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace LifetimeAnalyzers.Cli.Tests
{
    /// <summary>Inputs that cannot be analysed: exit code 2 and one clear line on stderr.</summary>
    public sealed class BadInputTests
    {
        [Fact]
        public async Task A_path_that_does_not_exist_is_bad_input()
        {
            var run = await CliRun.InRepositoryAsync("samples/No.Such.Folder");

            OptionsTests.AssertBadInput(run, "samples/No.Such.Folder");
            Assert.Contains("does not exist", run.Stderr, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_file_that_is_neither_a_solution_a_project_nor_CSharp_is_bad_input()
        {
            var run = await CliRun.InRepositoryAsync("README.md");

            OptionsTests.AssertBadInput(run, "README.md");
        }

        [Fact]
        public async Task A_folder_without_CSharp_files_is_bad_input()
        {
            using var folder = new TempFolder();
            folder.Write("notes.txt", "nothing to analyse");

            var run = await CliRun.InAsync(folder.Path, ".");

            OptionsTests.AssertBadInput(run, "no C# files");
        }

        [Fact]
        public async Task A_project_that_does_not_load_is_bad_input()
        {
            using var folder = new TempFolder();
            folder.Write("Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");

            var run = await CliRun.InAsync(folder.Path, "Broken.csproj");

            OptionsTests.AssertBadInput(run, "Broken.csproj");
        }

        [Fact]
        public async Task A_SARIF_file_that_cannot_be_written_is_bad_input()
        {
            using var folder = new TempFolder();
            folder.Write("A.cs", "class A { }\n");
            folder.Write("taken/placeholder.txt", "");
            var directoryAsFile = Path.Combine(folder.Path, "taken");

            var run = await CliRun.InAsync(folder.Path, ".", "--sarif", directoryAsFile);

            OptionsTests.AssertBadInput(run, "SARIF");
        }
    }
}
