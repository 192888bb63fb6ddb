using System.Reflection;
using SmartMixed.Client.Cluster;
using SmartMixed.Client.CommandLine;
using SmartMixed.Client.Logging;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Output;
using SmartMixed.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client;

/// <summary>
/// Turns failures into messages and exit codes: 2 for bad input (flags, configs, specs), 1 for a run that could not
/// finish (missing data, divergence, I/O), 130 for an interrupt. A user never sees a stack trace: each failure is one
/// line naming the problem; an unexpected one is logged in full (<see cref="ClientLog"/>) and the line names the log.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    public static int Run(Func<int> body) => Run([], body);

    public static int Run(IReadOnlyList<string> args, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e, args);
        }
    }

    public static int Report(Exception e) => Report(e, []);

    public static int Report(Exception e, IReadOnlyList<string> args)
    {
        e = Unwrap(e);
        switch (e)
        {
            case CommandAppException spectre:
                Error(ParseErrors.Describe(spectre, args).Message);
                return BadInput;
            case CommandLineException:
                Error(e.Message);
                return BadInput;
            case ConfigException config:
                Problems(config.Problems);
                return BadInput;
            case UnknownDatasetException or UnwritableDirectoryException:
                Error(e.Message);
                return BadInput;
            case ArgumentException argument:
                Error(argument.ParamName is { } name ? argument.Message.Replace($" (Parameter '{name}')", "") : argument.Message);
                return BadInput;
            case ClusterUnreachableException or CorruptCheckpointException:
                Error(e.Message);
                return Failed;
            case DatasetUnavailableException or DataFileException or DatasetFetchException or TrainingDivergedException or InvalidDataException:
                Error(e.Message);
                return Failed;
            case IOException or UnauthorizedAccessException:
                Error(WithLog(e.Message, e, args));
                return Failed;
            case OperationCanceledException:
                Error("interrupted");
                return Interrupted;
            case TimeoutException or OrleansException:
                // A cluster in flux (a silo died, Redis restarts). Orleans' messages can carry a stack trace: one line.
                Error(WithLog($"the cluster did not answer ({FirstLine(e.Message)}); it may be recovering from a failed silo: run the command again", e, args));
                return Failed;
            default:
                // A wrapper (a grain that could not start, say) around a failure this knows: report what failed.
                if (e.GetBaseException() is var cause && cause != e && cause is IOException or UnauthorizedAccessException)
                {
                    Error(WithLog(cause.Message, e, args));
                    return Failed;
                }
                Error(WithLog($"unexpected failure: {FirstLine(cause.Message)}", e, args));
                return Failed;
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    private static string WithLog(string message, Exception e, IReadOnlyList<string> args) =>
        ClientLog.Write(e, args) is { } log
            ? $"{message.TrimEnd('.')} (the full report is in {log})"
            : message;

    private static void Problems(IReadOnlyList<ConfigProblem> problems)
    {
        if (problems.Count == 1)
        {
            Error(problems[0].ToString());
            return;
        }
        Error($"{problems.Count} problems:");
        foreach (var p in problems) Line("  ", p.ToString(), null);
    }

    private static void Error(string message) => Line("error:", message, "31");

    /// <summary>Writes one unwrapped line (Spectre would wrap long ones at the console width).</summary>
    private static void Line(string label, string message, string? color)
    {
        var writer = AnsiConsole.Profile.Out.Writer;
        var shown = color is not null && AnsiConsole.Profile.Capabilities.Ansi ? $"\u001b[{color}m{label}\u001b[0m" : label;
        writer.WriteLine(label.Trim().Length == 0 ? label + message : $"{shown} {message}");
        writer.Flush();
    }
}
