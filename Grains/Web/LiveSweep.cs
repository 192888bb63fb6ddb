using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Grains.Web;

/// <summary>
/// A running sweep as its live page shows it: its status and its cells' statistics from the per-shard aggregators'
/// summaries (outcomes only, one bounded message per shard, no run record or curve is read), and an estimate of the
/// time left from the epochs done since submission.
/// </summary>
public static class LiveSweep
{
    public static async Task<ReportModel?> ModelAsync(IGrainFactory grains, string sweepId, CancellationToken cancellation)
    {
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        if (status.State == SweepState.Unknown) return null;
        var book = new CellBook();
        for (int i = 0; i < status.Shards; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var cell in await grains.GetGrain<ISweepAggregatorGrain>(SweepIds.ShardKey(sweepId, i)).GetCells()) book.Add(cell);
        }
        var analysis = SweepAnalysis.Of(book, status.Settings?.CompareTo);
        var now = DateTimeOffset.UtcNow;
        return new ReportModel(sweepId, status.Description, status, analysis, null, now, Live: true, Eta: Eta(status, now));
    }

    /// <summary>
    /// (time since submission) × (epochs left) / (epochs done): assumes the pace so far holds. Null before the first
    /// epoch. A sweep resumed after a stop counts the stop as time spent, so its estimate errs long.
    /// </summary>
    public static TimeSpan? Eta(SweepStatus status, DateTimeOffset now)
    {
        if (status.IsFinished) return TimeSpan.Zero;
        if (status.SubmittedAt is not { } submitted || status.EpochsDone <= 0 || status.EpochsPlanned <= status.EpochsDone) return null;
        var elapsed = now - submitted;
        if (elapsed <= TimeSpan.Zero) return null;
        return TimeSpan.FromSeconds(elapsed.TotalSeconds * (status.EpochsPlanned - status.EpochsDone) / status.EpochsDone);
    }
}
