using SmartMixed.GrainInterfaces;
using Spectre.Console;

namespace SmartMixed.Client.Sweeps;

/// <summary>A sweep's runs as a table.</summary>
public static class SweepStatusView
{
    public static void Show(SweepStatus status)
    {
        AnsiConsole.MarkupLine(SweepProgressView.Describe(status, null) + $" [grey]({status.State.ToString().ToLowerInvariant()})[/]");
        var table = new Table().AddColumns("run", "status", "epoch", "silo", "factors", "note");
        foreach (var r in status.Runs)
            table.AddRow(
                r.Hash,
                Colour(r.Status),
                $"{r.Epoch}/{r.Epochs}",
                Markup.Escape(r.Silo ?? ""),
                Markup.Escape(string.Join(" ", r.Factors.Select(f => $"{f.Name}={f.Value}"))),
                Markup.Escape(r.FailureReason ?? ""));
        AnsiConsole.Write(table);
    }

    private static string Colour(RunStatus s) => s switch
    {
        RunStatus.Done => "[green]done[/]",
        RunStatus.Running => "[blue]running[/]",
        RunStatus.Failed => "[red]failed[/]",
        RunStatus.Cancelled => "[yellow]cancelled[/]",
        _ => "queued",
    };
}
