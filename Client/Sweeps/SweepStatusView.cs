using SmartMixed.GrainInterfaces;
using Spectre.Console;

namespace SmartMixed.Client.Sweeps;

/// <summary>A sweep's state, and its runs page by page (all of them, or those in some states).</summary>
public static class SweepStatusView
{
    public static async Task ShowAsync(IGrainFactory grains, SweepStatus status, IReadOnlySet<RunStatus> show, int limit, CancellationToken cancellation)
    {
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null) + $" [grey]({status.State.ToString().ToLowerInvariant()})[/]");
        if (status.EndedAt is { } ended) AnsiConsole.MarkupLineInterpolated($"[grey]ended {ended:u}[/]");
        var table = new Table().AddColumns("run", "status", "epoch", "silo", "factors", "note");
        int shown = 0, matching = 0;
        await foreach (var r in SweepReader.RunsAsync(grains, status, cancellation))
        {
            if (!show.Contains(r.Status)) continue;
            matching++;
            if (shown >= limit) continue;
            shown++;
            table.AddRow(
                r.Hash,
                Colour(r.Status),
                $"{r.Epoch}/{r.Epochs}",
                Markup.Escape(r.Silo ?? ""),
                Markup.Escape(string.Join(" ", r.Factors.Select(f => $"{f.Name}={f.Value}"))),
                Markup.Escape(r.FailureReason ?? ""));
        }
        if (shown > 0) AnsiConsole.Write(table);
        if (matching > shown)
            AnsiConsole.MarkupLineInterpolated($"[grey]… and {matching - shown} more; --limit N shows more, --runs chooses which[/]");
    }

    private static string Colour(RunStatus s) => s switch
    {
        RunStatus.Done => "[green]done[/]",
        RunStatus.Running => "[blue]running[/]",
        RunStatus.Failed => "[red]failed[/]",
        RunStatus.Cancelled => "[yellow]cancelled[/]",
        RunStatus.Waiting => "[blue]waiting[/]",
        RunStatus.Paused => "[yellow]stopped early[/]",
        _ => "queued",
    };
}
