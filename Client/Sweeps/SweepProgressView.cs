using System.Diagnostics;
using SmartMixed.GrainInterfaces;
using Spectre.Console;

namespace SmartMixed.Client.Sweeps;

/// <summary>
/// Live progress of a sweep: a bar over all runs' epochs, the counts of done/running/queued/failed runs, and an
/// ETA from the epochs finished per second since watching began, so runs in flight count with their progress.
/// Watching rides out a cluster in flux (a silo that dies with the sweep's grain, a Redis restart): a status call that
/// fails or times out is asked again, for up to <see cref="MaxOutage"/>.
/// </summary>
public static class SweepProgressView
{
    public static readonly TimeSpan MaxOutage = TimeSpan.FromMinutes(5);
    public static async Task<SweepStatus> WatchAsync(ISweepGrain sweep, CancellationToken cancellation)
    {
        var status = await sweep.GetStatus();
        if (status.IsFinished || !AnsiConsole.Profile.Capabilities.Interactive)
            return await WatchPlainAsync(sweep, status, cancellation);

        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(status, null), maxValue: Math.Max(1, TotalEpochs(status)));
                var eta = new EtaEstimate(DoneEpochs(status));
                while (true)
                {
                    task.MaxValue = Math.Max(1, TotalEpochs(status));
                    task.Value = DoneEpochs(status);
                    task.Description = Describe(status, eta.Remaining(DoneEpochs(status), TotalEpochs(status)));
                    if (status.IsFinished) break;
                    await Task.Delay(1000, cancellation);
                    status = await StatusAsync(sweep, null, cancellation);
                }
            });
        return status;
    }

    private static async Task<SweepStatus> WatchPlainAsync(ISweepGrain sweep, SweepStatus status, CancellationToken cancellation)
    {
        // Not a terminal (CI, a pipe): one line every few seconds instead of a live bar.
        var eta = new EtaEstimate(DoneEpochs(status));
        var lastPrint = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            var line = Describe(status, eta.Remaining(DoneEpochs(status), TotalEpochs(status)));
            if (line != last && (lastPrint.Elapsed > TimeSpan.FromSeconds(5) || status.IsFinished || last is null))
            {
                AnsiConsole.MarkupLine(line);
                last = line;
                lastPrint.Restart();
            }
            if (status.IsFinished) return status;
            await Task.Delay(1000, cancellation);
            status = await StatusAsync(sweep, AnsiConsole.MarkupLine, cancellation);
        }
    }

    /// <summary>The sweep's status, asked again while the cluster recovers from a failure (a dead silo, Redis restarting).</summary>
    private static async Task<SweepStatus> StatusAsync(ISweepGrain sweep, Action<string>? say, CancellationToken cancellation)
    {
        var outage = Stopwatch.StartNew();
        bool said = false;
        while (true)
        {
            try
            {
                return await sweep.GetStatus();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException && outage.Elapsed < MaxOutage)
            {
                if (!said) say?.Invoke($"[yellow]the cluster did not answer[/] ({Markup.Escape(e.GetType().Name)}); still watching");
                said = true;
                await Task.Delay(1000, cancellation);
            }
        }
    }

    public static string Describe(SweepStatus s, TimeSpan? remaining) =>
        $"[bold]{Markup.Escape(s.SweepId)}[/] {s.Count(RunStatus.Done)}/{s.Total} done, " +
        $"[blue]{s.Count(RunStatus.Running)} running[/], {s.Count(RunStatus.Queued)} queued, " +
        $"[red]{s.Count(RunStatus.Failed)} failed[/]" +
        (s.Count(RunStatus.Cancelled) > 0 ? $", {s.Count(RunStatus.Cancelled)} cancelled" : "") +
        (s.Count(RunStatus.Waiting) > 0 ? $", {s.Count(RunStatus.Waiting)} waiting at a rung" : "") +
        (s.Count(RunStatus.Paused) > 0 ? $", [yellow]{s.Count(RunStatus.Paused)} stopped early[/] ({s.EpochsSaved:N0} epochs saved)" : "") +
        (remaining is { } r ? $", ETA {Format(r)}" : "");

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : $"{t.Minutes}m{t.Seconds:00}s";

    /// <summary>Epochs of work in the sweep: every run's budget, ended runs counting as complete.</summary>
    public static long TotalEpochs(SweepStatus s) => s.EpochsPlanned;

    public static long DoneEpochs(SweepStatus s) => s.EpochsDone;

    /// <summary>Remaining time from the rate of epochs finished since watching began.</summary>
    public sealed class EtaEstimate(long startEpochs)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public TimeSpan? Remaining(long done, long total)
        {
            long progressed = done - startEpochs;
            if (progressed <= 0 || _clock.Elapsed < TimeSpan.FromSeconds(3)) return null;
            double perSecond = progressed / _clock.Elapsed.TotalSeconds;
            return TimeSpan.FromSeconds((total - done) / perSecond);
        }
    }
}
