using System.ComponentModel;
using SmartMixed.Client.Cluster;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Client.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

public class SweepIdSettings : ClusterSettings
{
    [CommandArgument(0, "<SWEEP-ID>")]
    public string SweepId { get; init; } = "";
}

public class SweepSpecSettings : ClusterSettings
{
    [CommandArgument(0, "<SPEC>"), Description("Sweep spec in YAML or JSON (see examples/).")]
    public string Spec { get; init; } = "";
}

/// <summary><c>sweep submit SPEC</c>: validate, then hand the sweep to a running cluster.</summary>
public sealed class SweepSubmitCommand : AsyncCommand<SweepSpecSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepSpecSettings settings, CancellationToken cancellation)
    {
        var plan = SweepSpec.LoadPlan(settings.Spec);
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        var status = await SweepClient.SubmitAsync(cluster.Grains, plan, settings.Spec);
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null));
        AnsiConsole.MarkupLineInterpolated($"follow it with: ./smartmixed sweep watch {status.SweepId}");
        return ExitCodes.Ok;
    }
}

public sealed class SweepStatusCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        var status = await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        SweepStatusView.Show(status);
        return ExitCodes.Ok;
    }
}

public sealed class SweepWatchCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        var status = await SweepProgressView.WatchAsync(cluster.Grains.GetGrain<ISweepGrain>(settings.SweepId), cancellation);
        return status.Count(RunStatus.Failed) > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}

public sealed class SweepCancelCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        var status = await cluster.Grains.GetGrain<ISweepGrain>(settings.SweepId).Cancel();
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null) + " [yellow](cancel requested: running runs stop at their next batch)[/]");
        return ExitCodes.Ok;
    }
}

public sealed class SweepExportSettings : SweepIdSettings
{
    [CommandOption("--out <DIR>"), Description("Directory to write <sweep-id>/{runs,accuracy,diversity,curves}.csv into (default: results).")]
    public string Out { get; init; } = "results";
}

public sealed class SweepExportCommand : AsyncCommand<SweepExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepExportSettings settings, CancellationToken cancellation)
    {
        SweepExport.TargetDirectory(settings.Out, settings.SweepId); // a bad id fails before connecting
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        var (directory, records) = await SweepExport.ExportAsync(cluster.Grains, settings.SweepId, settings.Out);
        AnsiConsole.MarkupLineInterpolated($"wrote runs.csv, accuracy.csv, diversity.csv, curves.csv ({records} ended runs) to {directory}");
        return ExitCodes.Ok;
    }
}

public sealed class SweepListCommand : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.ConnectAsync(settings.Configuration(), cancellation);
        var sweeps = await cluster.Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var table = new Table().AddColumns("sweep", "state", "updated");
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.SweepId), s.State.ToString().ToLowerInvariant(), s.UpdatedAt.ToString("u"));
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
