using SmartMixed.Client.CommandLine;
using SmartMixed.Client.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client;

/// <summary>
/// The <c>smartmixed</c> command tree; Program runs it, tests drive it in-process. Parsing is strict: an unknown flag,
/// a flag without its value or a stray argument is an error (exit code 2) that names it, never ignored. The commands
/// registered here are those of <see cref="CommandCatalog"/>.
/// </summary>
public static class SmartMixedApp
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("smartmixed");
            config.PropagateExceptions();
            config.ConfigureConsole(AnsiConsole.Console); // help and usage go where everything else goes
            config.UseStrictParsing();
            config.SetInterceptor(new StrictSettingsInterceptor());
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train one SmartMixed (or fixed-activation) network locally.")
                .WithExample("train", "--dataset", "mnist-npm10k", "--hidden", "512,256,128,64", "--epochs", "20", "--out", "runs/x")
                .WithExample("train", "--preset", "reference", "--epochs", "100", "--switch", "50")
                .WithExample("train", "--fixed", "relu", "--epochs", "10");
            config.AddBranch("sweep", sweep =>
            {
                sweep.SetDescription("Ablation sweeps on Orleans: run one here, or submit to and follow a cluster.");
                sweep.AddCommand<SweepRunCommand>("run")
                    .WithDescription("Run a sweep to the end (in a silo in this process unless a cluster is configured) and export its tables.")
                    .WithExample("sweep", "run", "examples/quick.yaml");
                sweep.AddCommand<SweepSubmitCommand>("submit").WithDescription("Validate a spec and submit it to a running cluster.");
                sweep.AddCommand<SweepStatusCommand>("status").WithDescription("Show every run of a sweep.");
                sweep.AddCommand<SweepWatchCommand>("watch").WithDescription("Follow a sweep's progress until it ends.");
                sweep.AddCommand<SweepCancelCommand>("cancel").WithDescription("Cancel a sweep: queued runs never start, running ones stop.");
                sweep.AddCommand<SweepPromoteCommand>("promote").WithDescription("Resume a cell that early stopping stopped, from its checkpoints, to its full budget.");
                sweep.AddCommand<SweepExportCommand>("export").WithDescription("Write a sweep's tables as CSV (runs, curves, accuracy, diversity, comparisons, effects, ranks) and its report.");
                sweep.AddCommand<SweepReportCommand>("report").WithDescription("Write a sweep's report: report.html (self-contained) and figures/ (PNG and SVG).");
                sweep.AddCommand<SweepListCommand>("list").WithDescription("List the sweeps a cluster knows.");
            });
            config.AddBranch("data", data =>
            {
                data.SetDescription("Data sets: what is here, and fetching them.");
                data.AddCommand<DataListCommand>("list").WithDescription("List the data sets and whether they are available locally.");
                data.AddCommand<DataFetchCommand>("fetch").WithDescription("Download or install a data set into the cache.");
            });
        });
        return app;
    }

    /// <summary>Runs a command line and turns failures into messages and exit codes.</summary>
    public static int Run(string[] args) => ExitCodes.Run(args, () => Create().Run(args));
}
