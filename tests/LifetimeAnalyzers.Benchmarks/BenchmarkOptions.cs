using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LifetimeAnalyzers.Benchmarks
{
    /// <summary>The command line of the harness.</summary>
    internal sealed class BenchmarkOptions
    {
        public const string Usage = @"Times the LifetimeAnalyzers rules against the compiler and the peer analyzers, on one compilation.

Usage: dotnet run -c Release --project tests/LifetimeAnalyzers.Benchmarks -- [options]

  --sizes N,N,...     generated driver corpora of about N lines each (default 25000,100000,400000)
  --folder PATH       measure every .cs file under PATH instead (bin/ and obj/ skipped); may be repeated.
                      Combine with --sizes to measure both.
  --references PATH   also reference every .dll in PATH when compiling a --folder corpus
  --repeat N          timed runs per measurement; the median is reported (default 3; four
                      times as many on corpora under 50,000 lines)
  --warmup N          untimed runs before them, per corpus and analyzer set (default 0); every run
                      starts with a warm-up of everything on a small corpus, whatever N is
  --quick             a smoke run: sizes 2000,8000, one timed run, a shorter first warm-up
  --no-peers          time only the compiler and LifetimeAnalyzers
  --baseline PATH     also time another build of LifetimeAnalyzers.dll (an earlier commit's) on the same
                      compilations, interleaved with this one: a change measured side by side
  --no-methods        skip the instrumented run that finds the slowest method and file
  --alone             instead of the driver's runs, time our rules alone, driven by the harness on bodies
                      bound once (and the baseline's, with --baseline): resolves changes of a few percent
  --evict MB          with --alone, write MB megabytes of memory before each type, outside the rules' time, as
                      the driver's binding of the next bodies does between two types' ends (default 0)
  --top N             how many of the slowest methods and files to list (default 5)
  --write-corpus DIR  also write each generated corpus to DIR/<size>/ (to read it, or build it)
  --seed N            seed of the corpus generator (default 7)
  --help              this text";

        public List<int> Sizes { get; } = new List<int>();

        public List<string> Folders { get; } = new List<string>();

        public List<string> ReferenceFolders { get; } = new List<string>();

        /// <summary>
        /// Corpora smaller than this are timed <see cref="SmallCorpusRepeatFactor"/> times as often, except in a quick run:
        /// a run of a few hundred milliseconds scatters by up to a third, which decided the growth from the smallest size
        /// more than the code did.
        /// </summary>
        public const int SmallCorpusLines = 50_000;

        public const int SmallCorpusRepeatFactor = 4;

        public int Repeat { get; private set; } = 3;

        public int Warmup { get; private set; }

        public bool Quick { get; private set; }

        public bool Peers { get; private set; } = true;

        /// <summary>Another build of the analyzer assembly, timed as one more set.</summary>
        public string? Baseline { get; private set; }

        public bool Methods { get; private set; } = true;

        /// <summary>Whether to time our rules alone, on bodies bound once, instead of the driver's runs.</summary>
        public bool Alone { get; private set; }

        /// <summary>With <see cref="Alone"/>, the megabytes of memory written before each type: the caches as a driver's run leaves them.</summary>
        public int EvictMegabytes { get; private set; }

        public int Top { get; private set; } = 5;

        public string? WriteCorpus { get; private set; }

        public int Seed { get; private set; } = 7;

        public bool Help { get; private set; }

        /// <summary>How many timed runs a corpus of <paramref name="lines"/> lines gets.</summary>
        public int RepeatFor(int lines) => !Quick && lines < SmallCorpusLines ? Repeat * SmallCorpusRepeatFactor : Repeat;

        /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
        public static BenchmarkOptions Parse(IReadOnlyList<string> args)
        {
            var options = new BenchmarkOptions();
            var sizesGiven = false;
            var repeatGiven = false;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                string Value()
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new ArgumentException($"{arg} needs a value.");
                    }

                    return args[++i];
                }

                switch (arg)
                {
                    case "--sizes":
                        options.Sizes.Clear();
                        options.Sizes.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Positive(arg, s)));
                        sizesGiven = true;
                        break;
                    case "--folder":
                        options.Folders.Add(Value());
                        break;
                    case "--references":
                        options.ReferenceFolders.Add(Value());
                        break;
                    case "--repeat":
                        options.Repeat = Positive(arg, Value());
                        repeatGiven = true;
                        break;
                    case "--warmup":
                        options.Warmup = NonNegative(arg, Value());
                        break;
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--no-peers":
                        options.Peers = false;
                        break;
                    case "--baseline":
                        options.Baseline = Value();
                        break;
                    case "--no-methods":
                        options.Methods = false;
                        break;
                    case "--alone":
                        options.Alone = true;
                        break;
                    case "--evict":
                        options.EvictMegabytes = NonNegative(arg, Value());
                        break;
                    case "--top":
                        options.Top = Positive(arg, Value());
                        break;
                    case "--write-corpus":
                        options.WriteCorpus = Value();
                        break;
                    case "--seed":
                        options.Seed = NonNegative(arg, Value());
                        break;
                    case "--help" or "-h" or "-?":
                        options.Help = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{arg}'.");
                }
            }

            if (options.Quick)
            {
                if (!sizesGiven)
                {
                    options.Sizes.AddRange(new[] { 2000, 8000 });
                    sizesGiven = true;
                }

                if (!repeatGiven)
                {
                    options.Repeat = 1;
                }
            }

            if (!sizesGiven && options.Folders.Count == 0)
            {
                options.Sizes.AddRange(new[] { 25000, 100000, 400000 });
            }

            return options;
        }

        private static int Positive(string option, string text)
        {
            var value = NonNegative(option, text);
            return value > 0 ? value : throw new ArgumentException($"{option} needs a positive number, not '{text}'.");
        }

        private static int NonNegative(string option, string text) =>
            int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new ArgumentException($"{option} needs a number, not '{text}'.");
    }
}
