using System.ComponentModel;
using SmartMixed.Client.Cluster;
using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

public class SweepIdSettings : ClusterSettings
{
    [CommandArgument(0, "<SWEEP-ID>")]
    public string SweepId { get; init; } = "";

    public override ValidationResult Validate() =>
        SweepIds.IsValid(SweepId) ? base.Validate() : ValidationResult.Error($"'{SweepId}' is not a sweep id ({SweepIds.Rule})");
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
        var specText = ConfigDocument.ReadText(settings.Spec);
        var plan = SweepSpec.ParsePlan(specText, Path.GetFileName(settings.Spec), Path.GetFileNameWithoutExtension(settings.Spec));
        var configuration = settings.Configuration();
        if (!settings.NamesCluster(configuration))
            throw new ArgumentException("sweep submit sends a sweep to a running cluster: name it with --gateway or --redis " +
                                        "(or Cluster__Gateways / Cluster__Redis); to run a sweep here, use sweep run");
        await using var cluster = await ClusterConnection.ConnectAsync(configuration, settings.ConnectTimeout, cancellation);
        var status = await SweepClient.SubmitAsync(cluster.Grains, plan, specText, cancellation);
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null));
        AnsiConsole.MarkupLineInterpolated($"follow it with: ./smartmixed sweep watch {status.SweepId}");
        return ExitCodes.Ok;
    }
}

public sealed class SweepStatusSettings : SweepIdSettings
{
    [CommandOption("--runs <STATES>"), Description("Which runs to list: all, or a comma-separated list of queued, running, done, failed, cancelled, waiting, paused (default: running,failed).")]
    public string Runs { get; init; } = "running,failed";

    [CommandOption("--limit <N>"), Description("List at most N runs (default 50).")]
    public int Limit { get; init; } = 50;

    public IReadOnlySet<RunStatus> States()
    {
        if (Runs.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return Enum.GetValues<RunStatus>().ToHashSet();
        var states = new HashSet<RunStatus>();
        foreach (var part in Runs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            states.Add(Enum.TryParse<RunStatus>(part, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new ArgumentException($"--runs: unknown run state '{part}'; valid: all, queued, running, done, failed, cancelled, waiting, paused"));
        return states;
    }

    public override ValidationResult Validate() =>
        Limit >= 0 ? base.Validate() : ValidationResult.Error($"--limit must be 0 or more, not {Limit}");
}

/// <summary><c>sweep status ID</c>: where the sweep stands, and its running and failed runs (or those asked for).</summary>
public sealed class SweepStatusCommand : AsyncCommand<SweepStatusSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepStatusSettings settings, CancellationToken cancellation)
    {
        var states = settings.States();
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep status {settings.SweepId}", null, cancellation);
        var status = await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        await SweepStatusView.ShowAsync(cluster.Grains, status, states, settings.Limit, cancellation);
        return ExitCodes.Ok;
    }
}

/// <summary><c>sweep watch ID</c>: follows a sweep's progress until it ends.</summary>
public sealed class SweepWatchCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep watch {settings.SweepId}", null, cancellation);
        var status = await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        if (cluster.InProcess && !status.IsFinished)
        {
            // This process opened the local store itself: nothing trains the sweep, so watching would wait forever.
            AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null));
            throw new ArgumentException($"nothing is training sweep {settings.SweepId} on this store; resume it with ./smartmixed sweep run <its spec>");
        }
        status = await SweepProgressView.WatchAsync(cluster.Grains.GetGrain<ISweepGrain>(settings.SweepId), cancellation);
        return status.Count(RunStatus.Failed) > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}

/// <summary><c>sweep cancel ID</c>: queued runs never start, running ones stop at their next batch.</summary>
public sealed class SweepCancelCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep cancel {settings.SweepId}", null, cancellation);
        await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        var sweep = cluster.Grains.GetGrain<ISweepGrain>(settings.SweepId);
        var status = await sweep.Cancel();
        if (cluster.InProcess)
        {
            // Runs left "running" by a process that is gone end as cancelled once this silo's watchdog sees it.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!status.IsFinished && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellation);
                status = await sweep.GetStatus();
            }
        }
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null) +
                               (status.IsFinished ? " [yellow](cancelled)[/]" : " [yellow](cancel requested: running runs stop at their next batch)[/]"));
        return ExitCodes.Ok;
    }
}

public sealed class SweepPromoteSettings : SweepIdSettings
{
    [CommandArgument(1, "<CELL>"), Description("The cell to resume: its key, as in the cell column of runs.csv and accuracy.csv.")]
    public string Cell { get; init; } = "";
}

/// <summary><c>sweep promote ID CELL</c>: resumes a cell that early stopping stopped, from its checkpoints, to its full budget.</summary>
public sealed class SweepPromoteCommand : AsyncCommand<SweepPromoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepPromoteSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep promote {settings.SweepId}", null, cancellation);
        var status = await SweepClient.ExistingAsync(cluster.Grains, settings.SweepId);
        if (status.State == SweepState.Cancelled)
            throw new ArgumentException($"sweep {settings.SweepId} was cancelled; submit its spec again to make it active, then promote");
        int resumed = await cluster.Grains.GetGrain<ISweepGrain>(settings.SweepId).Promote(settings.Cell);
        if (resumed == 0)
            throw new ArgumentException($"sweep {settings.SweepId} has no stopped run in cell '{settings.Cell}'; see sweep status {settings.SweepId} --runs paused");
        var where = cluster.InProcess ? "; run ./smartmixed sweep run <its spec> to train them here" : "";
        AnsiConsole.MarkupLineInterpolated($"cell {settings.Cell}: {resumed} run(s) resume from their checkpoints and run to their full budget{where}");
        return ExitCodes.Ok;
    }
}

public sealed class SweepExportSettings : SweepIdSettings
{
    [CommandOption("--out <DIR>"), Description("Directory to write <sweep-id>/*.csv into (default: results).")]
    public string Out { get; init; } = "results";
}

/// <summary><c>sweep export ID</c>: writes the sweep's tables, streamed page by page.</summary>
public sealed class SweepExportCommand : AsyncCommand<SweepExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepExportSettings settings, CancellationToken cancellation)
    {
        SweepExport.TargetDirectory(settings.Out, settings.SweepId); // a bad id fails before connecting
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep export {settings.SweepId}", null, cancellation);
        var export = await SweepExport.ExportAsync(cluster.Grains, settings.SweepId, settings.Out, cancellation);
        AnsiConsole.MarkupLineInterpolated(
            $"wrote {string.Join(", ", SweepExport.FileNames)} ({export.Runs} runs, {export.CurveRows} curve rows) and report.html to {export.Directory}");
        return ExitCodes.Ok;
    }
}

public sealed class SweepReportSettings : SweepIdSettings
{
    [CommandOption("--out <DIR>"), Description("Directory to write <sweep-id>/report.html and figures/ into (default: results).")]
    public string Out { get; init; } = "results";
}

/// <summary><c>sweep report ID</c>: writes the sweep's report.html and figures/ (the tables stay as they are).</summary>
public sealed class SweepReportCommand : AsyncCommand<SweepReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepReportSettings settings, CancellationToken cancellation)
    {
        SweepExport.TargetDirectory(settings.Out, settings.SweepId); // a bad id or an unwritable --out fails before connecting
        await using var cluster = await ClusterConnection.OpenAsync(settings, $"sweep report {settings.SweepId}", null, cancellation);
        var (directory, figures) = await SweepExport.ReportAsync(cluster.Grains, settings.SweepId, settings.Out, cancellation);
        AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(directory, Grains.Report.SweepReport.FileName)} ({figures.Count} figures in {Path.Combine(directory, Grains.Report.SweepReport.FiguresFolder)}, PNG and SVG)");
        return ExitCodes.Ok;
    }
}

/// <summary><c>sweep list</c>: the sweeps a cluster (or the local store) knows.</summary>
public sealed class SweepListCommand : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken cancellation)
    {
        await using var cluster = await ClusterConnection.OpenAsync(settings, "sweep list", null, cancellation);
        var sweeps = await cluster.Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        if (sweeps.Length == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"no sweeps on {cluster.Description}");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("sweep", "state", "updated");
        foreach (var s in sweeps)
            table.AddRow(Markup.Escape(s.SweepId), s.State.ToString().ToLowerInvariant(), s.UpdatedAt.ToString("u"));
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
