// Runs the race LIFE003 predicts: a heartbeat whose Dispose closes the serial link before it stops the timer writing to it,
// many times over, then the same heartbeat with the fixed order, and prints how often a tick found the link closed.
using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace RaceDemo
{
    public static class Program
    {
        private const int Attempts = 200;
        private const int PeriodMilliseconds = 5;

        /// <summary>How long each attempt lets the heartbeat run before disposing it: 1 ms, 2 ms, … 5 ms, then again.</summary>
        private const int MaxRunMilliseconds = 5;

        /// <summary>Stops a run early rather than let the demo hang on a very slow machine.</summary>
        private static readonly TimeSpan s_budgetPerRun = TimeSpan.FromSeconds(4);

        public static int Main()
        {
            PrintBuildWarnings();

            Console.WriteLine($"Each attempt starts a heartbeat that sends a 4-byte frame every {PeriodMilliseconds} ms over a {Uart.Baud}-baud link");
            Console.WriteLine($"(about 4 ms a frame), lets it run for 1 to {MaxRunMilliseconds} ms, and disposes it.");
            Console.WriteLine();

            int buggy = Run("Close the link, then stop the timer (the order LIFE003 reports)", (link, tally) => new ReleaseFirstHeartbeat(link, tally, PeriodMilliseconds));
            int fixedOrder = Run("Stop the timer and wait for its tick, then close the link (the fixed order)", (link, tally) => new StopFirstHeartbeat(link, tally, PeriodMilliseconds));

            Console.WriteLine(buggy > 0 && fixedOrder == 0
                ? "The race is real: only the order LIFE003 reports lets a tick write to a closed link."
                : buggy == 0
                    ? "No tick hit the closed link this time; the race depends on timing, so run the demo again."
                    : "The fixed order failed too, which should not happen.");
            return fixedOrder == 0 ? 0 : 1;
        }

        private static int Run(string title, Func<Stream, Tally, IDisposable> start)
        {
            Console.WriteLine(title + ":");
            var tally = new Tally();
            var clock = Stopwatch.StartNew();
            int attempts = 0;
            int failedAttempts = 0;
            while (attempts < Attempts && clock.Elapsed < s_budgetPerRun)
            {
                int failuresBefore = tally.Failures;
                IDisposable heartbeat = start(new MemoryStream(), tally);
                Thread.Sleep(1 + (attempts % MaxRunMilliseconds));
                heartbeat.Dispose();
                attempts++;
                if (tally.Failures > failuresBefore)
                {
                    failedAttempts++;
                }
            }

            Console.WriteLine($"  {attempts} attempts in {clock.Elapsed.TotalSeconds:0.0} s, {tally.Sent} frames sent");
            Console.WriteLine($"  {failedAttempts} attempts failed: {tally.HitDisposed} ticks hit ObjectDisposedException, {tally.OtherFailures} failed otherwise");
            Console.WriteLine();
            return tally.Failures;
        }

        /// <summary>Prints the LIFE003 warnings of this program's own build, from the log the compiler wrote next to it.</summary>
        private static void PrintBuildWarnings()
        {
            string log = Path.Combine(AppContext.BaseDirectory, "lifetime.sarif");
            if (!File.Exists(log))
            {
                Console.WriteLine("(The build log lifetime.sarif is missing; the LIFE003 warning is in the build output.)");
                Console.WriteLine();
                return;
            }

            Console.WriteLine("The build warned:");
            using JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(log));
            foreach (JsonElement run in sarif.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out JsonElement results))
                {
                    continue;
                }

                foreach (JsonElement result in results.EnumerateArray())
                {
                    if (result.GetProperty("ruleId").GetString() is not { } id || !id.StartsWith("LIFE", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string message = result.GetProperty("message").GetProperty("text").GetString() ?? "";
                    Console.WriteLine($"  {Where(result)}: warning {id}: {message}");
                }
            }

            Console.WriteLine();
        }

        /// <summary>A result's file name, line and column, the way the build output shows them.</summary>
        private static string Where(JsonElement result)
        {
            if (!result.TryGetProperty("locations", out JsonElement locations) || locations.GetArrayLength() == 0)
            {
                return "(no location)";
            }

            JsonElement physical = locations[0].GetProperty("physicalLocation");
            string uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "";
            JsonElement region = physical.GetProperty("region");
            return $"{Path.GetFileName(new Uri(uri).LocalPath)}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()})";
        }
    }
}
