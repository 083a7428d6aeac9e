using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LifetimeAnalyzers.Cli.Output;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>The <c>lifetime-analyzers</c> command.</summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            using var cancellation = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };
            return await RunAsync(args, Console.Out, Console.Error, Environment.CurrentDirectory, showProgress: !Console.IsErrorRedirected, cancellation.Token)
                .ConfigureAwait(false);
        }

        /// <summary>
        /// Runs the command with <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to
        /// <paramref name="stderr"/>, relative to the current directory; progress is shown only when
        /// <paramref name="stderr"/> is the console's and that is a terminal.
        /// </summary>
        /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
        public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
            RunAsync(args, stdout, stderr, Environment.CurrentDirectory, showProgress: ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

        /// <summary>Runs the command as if started in <paramref name="workingDirectory"/>.</summary>
        /// <returns>The exit code: see <see cref="ExitCodes"/>.</returns>
        public static async Task<int> RunAsync(
            string[] args,
            TextWriter stdout,
            TextWriter stderr,
            string workingDirectory,
            bool showProgress,
            CancellationToken cancellationToken = default)
        {
            var progress = showProgress ? new ProgressReporter(stderr) : ProgressReporter.None;
            try
            {
                var options = CliOptions.Parse(args);
                if (options.ShowHelp)
                {
                    stdout.Write(CliOptions.Usage.ReplaceLineEndings());
                    return ExitCodes.Clean;
                }

                if (options.ShowVersion)
                {
                    stdout.WriteLine(ToolVersion.Current);
                    return ExitCodes.Clean;
                }

                var run = new Run(options, stdout, stderr, Path.GetFullPath(workingDirectory), progress);
                return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                return Fail(stderr, progress, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(stderr, progress, "cancelled.");
            }
            catch (Exception e)
            {
                // Never a stack trace: one line that says what went wrong.
                return Fail(stderr, progress, $"{e.GetType().Name}: {e.Message}");
            }
            finally
            {
                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        private static int Fail(TextWriter stderr, ProgressReporter progress, string message)
        {
            progress.Clear();
            var oneLine = string.Join(" ", message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            stderr.WriteLine("error: " + oneLine);
            stderr.Flush();
            return ExitCodes.BadInput;
        }
    }
}
