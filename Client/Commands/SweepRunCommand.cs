using System.ComponentModel;
using SmartMixed.Client.Cluster;
using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Report;
using SmartMixed.Training.Config;
using SmartMixed.Training.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

public sealed class SweepRunSettings : SweepSpecSettings
{
    [CommandOption("--out <DIR>"), Description("Directory for the tables: DIR/<sweep-id>/*.csv (default: results).")]
    public string Out { get; init; } = "results";

    [CommandOption("--slots <N>"), Description("Concurrent trainings of the in-process silo (default: one per core).")]
    public int? Slots { get; init; }

    [CommandOption("--no-fetch"), Description("Do not fetch missing data sets; fail instead.")]
    public bool NoFetch { get; init; }
}

/// <summary>
/// <c>sweep run SPEC</c>: the one-command sweep. Validates the spec, fetches its data, hosts a silo in this
/// process on the local store unless a cluster is configured, submits, shows progress and exports the tables.
/// Interrupted, it leaves the sweep consistent: the same command resumes it, rerunning nothing that finished.
/// </summary>
public sealed class SweepRunCommand : AsyncCommand<SweepRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepRunSettings settings, CancellationToken cancellation)
    {
        if (settings.Slots is <= 0) throw new ArgumentException("--slots must be at least 1");
        var specText = ConfigDocument.ReadText(settings.Spec);
        var plan = SweepSpec.ParsePlan(specText, Path.GetFileName(settings.Spec), Path.GetFileNameWithoutExtension(settings.Spec)); // every problem before anything runs
        SweepExport.TargetDirectory(settings.Out, plan.SweepId);
        if (!settings.NamesCluster(settings.Configuration()))
            WritableDirectory.Check(settings.DataDirectory ?? SweepSiloOptions.DefaultDataDirectory(), "--data-dir", "choose another --data-dir");
        AnsiConsole.MarkupLineInterpolated(
            $"sweep [bold]{plan.SweepId}[/]: {plan.Runs.Count} runs ({plan.CellCount} cells, {plan.BaselineCount} baseline runs)");
        if (!settings.NoFetch) await SweepData.EnsureAsync(plan, cancellation);

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var silo = new SweepSiloOptions { OnlySweeps = [plan.SweepId] };
            if (settings.Slots is { } slots) silo.Slots = slots;
            await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep run {plan.SweepId}", silo, cancellation);
            AnsiConsole.MarkupLineInterpolated($"[grey]running on {cluster.Description}[/]");
            if (cluster.LivePage(plan.SweepId) is { } page) AnsiConsole.MarkupLineInterpolated($"live page: [link]{page}[/]");
            var status = await SweepClient.SubmitAsync(cluster.Grains, plan, specText, cancellation);
            try
            {
                status = await SweepProgressView.WatchAsync(cluster.Grains.GetGrain<ISweepGrain>(plan.SweepId), interrupt.Token);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine(cluster.InProcess
                    ? "[yellow]interrupted:[/] stopping; running runs finish their epoch and save their checkpoints. Run the same command to resume."
                    : "[yellow]interrupted:[/] the sweep goes on in the cluster; follow it with sweep watch, export it with sweep export.");
                return ExitCodes.Interrupted;
            }

            var export = await SweepExport.ExportAsync(cluster.Grains, plan.SweepId, settings.Out, cancellation);
            SweepSummaryView.Show(export.Analysis);
            await foreach (var failed in SweepReader.RunsAsync(cluster.Grains, status, cancellation))
                if (failed.Status == RunStatus.Failed) AnsiConsole.MarkupLineInterpolated($"[red]failed[/] {failed.Hash}: {failed.FailureReason}");
            AnsiConsole.MarkupLineInterpolated($"tables: {export.Directory}/{{{string.Join(",", SweepExport.FileNames.Select(Path.GetFileNameWithoutExtension))}}}.csv");
            AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(export.Directory, SweepReport.FileName)} ({export.Figures.Count} figures in {Path.Combine(export.Directory, SweepReport.FiguresFolder)})");
            return status.Count(RunStatus.Failed) > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
