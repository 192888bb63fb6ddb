using SmartMixed.Client.Cluster;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client;

/// <summary>
/// Turns failures into messages and exit codes: 2 for bad input (flags, configs, specs), 1 for a run that
/// could not finish (missing data, divergence, I/O), 130 for an interrupt.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static int Report(Exception e)
    {
        switch (e)
        {
            case CommandParseException or CommandRuntimeException:
                Error(e.Message);
                return BadInput;
            case ConfigException config:
                AnsiConsole.MarkupLine($"[red]error:[/] the configuration has {config.Problems.Count} problem(s):");
                foreach (var p in config.Problems) AnsiConsole.MarkupLineInterpolated($"  [yellow]{p.Path}[/] {p.Message}");
                return BadInput;
            case UnknownDatasetException or ArgumentException:
                Error(e.Message);
                return BadInput;
            case ClusterUnreachableException:
                Error(e.Message);
                return Failed;
            case DatasetUnavailableException or DataFileException or TrainingDivergedException or InvalidDataException or IOException:
                Error(e.Message);
                return Failed;
            case OperationCanceledException:
                Error("interrupted");
                return Interrupted;
            default:
                AnsiConsole.MarkupLine("[red]unexpected error:[/]");
                AnsiConsole.WriteException(e, ExceptionFormats.ShortenEverything);
                return Failed;
        }
    }

    private static void Error(string message) => AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
}
