using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LifetimeAnalyzers.Cli
{
    /// <summary>The parsed command line.</summary>
    internal sealed class CliOptions
    {
        public const string Usage =
            "Usage: lifetime-analyzers <path> [options]\n" +
            "\n" +
            "Runs the LifetimeAnalyzers rules over a solution (.sln, .slnx), a C# project (.csproj), a folder of C# files\n" +
            "or a single .cs file, without building or editing it, and prints what they find the way the compiler does.\n" +
            "\n" +
            "Options:\n" +
            "  --rules <ids>       Run only these rules, separated by commas (for example LIFE001,LIFE003).\n" +
            "  --sarif <file>      Also write the results as a SARIF 2.1.0 log to <file>.\n" +
            "  --fail-on <level>   Exit with 1 when a diagnostic at or above <level> is found:\n" +
            "                      error, warning (the default), note (or info), or none.\n" +
            "  --fix               Apply the code fixes for the selected rules, write the changed files back,\n" +
            "                      and report what is left.\n" +
            "  --version           Print the version and exit.\n" +
            "  -h, --help          Print this help and exit.\n" +
            "\n" +
            "Exit codes: 0 nothing found at or above --fail-on, 1 something found, 2 bad input.\n";

        private CliOptions()
        {
        }

        /// <summary>What to analyse, as given on the command line.</summary>
        public string? Path { get; private set; }

        /// <summary>The rule ids given with <c>--rules</c>, or null for every rule.</summary>
        public ImmutableArray<string>? Rules { get; private set; }

        public string? SarifPath { get; private set; }

        public FailLevel FailOn { get; private set; } = FailLevel.Warning;

        public bool Fix { get; private set; }

        public bool ShowHelp { get; private set; }

        public bool ShowVersion { get; private set; }

        /// <exception cref="CliException">The command line is not valid.</exception>
        public static CliOptions Parse(IReadOnlyList<string> args)
        {
            var options = new CliOptions();
            var rules = new List<string>();
            var rulesGiven = false;
            var onlyPathsFollow = false;
            for (int i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (onlyPathsFollow || !arg.StartsWith("-", StringComparison.Ordinal) || arg == "-")
                {
                    options.SetPath(arg);
                    continue;
                }

                if (arg == "--")
                {
                    onlyPathsFollow = true;
                    continue;
                }

                // --name=value and --name value are both accepted.
                string name = arg;
                string? inlineValue = null;
                var equals = arg.IndexOf('=');
                if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
                {
                    name = arg.Substring(0, equals);
                    inlineValue = arg.Substring(equals + 1);
                }

                switch (name)
                {
                    case "-h":
                    case "-?":
                    case "--help":
                        options.ShowHelp = true;
                        break;
                    case "--version":
                        options.ShowVersion = true;
                        break;
                    case "--fix":
                        NoValue(name, inlineValue);
                        options.Fix = true;
                        break;
                    case "--rules":
                        rulesGiven = true;
                        rules.AddRange(Value(args, ref i, name, inlineValue)
                            .Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                            .Select(id => id.Trim().ToUpperInvariant()));
                        break;
                    case "--sarif":
                        options.SarifPath = Value(args, ref i, name, inlineValue);
                        break;
                    case "--fail-on":
                        var level = Value(args, ref i, name, inlineValue);
                        if (!FailLevels.TryParse(level, out var failOn))
                        {
                            throw new CliException($"'{level}' is not a --fail-on level; use one of {FailLevels.Names}.");
                        }

                        options.FailOn = failOn;
                        break;
                    default:
                        throw new CliException($"unknown option '{arg}'; run with --help to see the options.");
                }
            }

            if (rulesGiven)
            {
                if (rules.Count == 0)
                {
                    throw new CliException("--rules needs at least one rule id, for example --rules LIFE001.");
                }

                options.Rules = rules.Distinct(StringComparer.Ordinal).ToImmutableArray();
            }

            if (options.Path is null && !options.ShowHelp && !options.ShowVersion)
            {
                throw new CliException("no path given: name a solution, a project, a folder or a .cs file (run with --help for the options).");
            }

            return options;
        }

        private void SetPath(string path)
        {
            if (Path is not null)
            {
                throw new CliException($"only one path can be analysed at a time, but both '{Path}' and '{path}' were given.");
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CliException("the path is empty.");
            }

            Path = path;
        }

        private static string Value(IReadOnlyList<string> args, ref int index, string name, string? inlineValue)
        {
            if (inlineValue is not null)
            {
                if (inlineValue.Length == 0)
                {
                    throw new CliException($"{name} needs a value.");
                }

                return inlineValue;
            }

            if (index + 1 >= args.Count || (args[index + 1].StartsWith("-", StringComparison.Ordinal) && args[index + 1].Length > 1))
            {
                throw new CliException($"{name} needs a value.");
            }

            index++;
            return args[index];
        }

        private static void NoValue(string name, string? inlineValue)
        {
            if (inlineValue is not null)
            {
                throw new CliException($"{name} takes no value.");
            }
        }
    }
}
