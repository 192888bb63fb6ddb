namespace SmartMixed.GrainInterfaces;

/// <summary>
/// A bounded slice of a sweep's runs (key: <c>{sweep id}/{shard}</c>, whole cells, in plan order): their specs and
/// their scheduling state. Every write it makes costs the same however large the sweep is. It hands out its queued
/// runs in plan order, takes their progress and ends, retries failed attempts, re-queues runs whose silo died, and
/// pushes its summary to the sweep after each change.
/// </summary>
[Alias("smartmixed.ISweepShardGrain")]
public interface ISweepShardGrain : IGrainWithStringKey
{
    [Alias("GetKeys"), AlwaysInterleave]
    Task<ShardRunKey[]> GetKeys();

    /// <summary>Takes this shard's part of a submitted plan (idempotent for the same plan).</summary>
    [Alias("Apply")]
    Task Apply(ShardPlan plan);

    /// <summary>Hands out the next queued run, durably, or null when none can start now.</summary>
    [Alias("Lease")]
    Task<RunLease?> Lease(string silo);

    [Alias("ReportProgress"), OneWay]
    Task ReportProgress(RunProgress progress);

    /// <summary>
    /// A run ended (done, failed or cancelled) under <paramref name="leaseId"/>. Its outcome is durable in its cell's
    /// summary when this returns. Returns true when the run has ended for good (its checkpoint may go), false when it
    /// will run again (a retried failure) or the report was stale.
    /// </summary>
    [Alias("ReportEnded")]
    Task<bool> ReportEnded(long leaseId, RunOutcome outcome, bool retryable);

    /// <summary>The sweep was cancelled: queued runs end as cancelled, running ones are asked to stop.</summary>
    [Alias("Cancel")]
    Task Cancel();

    /// <summary>The sweep's watchdog: re-queues runs whose silo is gone and asks runs that went silent.</summary>
    [Alias("Check")]
    Task Check();

    [Alias("GetSummary"), AlwaysInterleave]
    Task<ShardSummary> GetSummary();

    /// <summary>The shard's planned runs, in plan order.</summary>
    [Alias("GetRuns"), AlwaysInterleave]
    Task<RunView[]> GetRuns();

    /// <summary>The specs of the shard's planned runs, in plan order.</summary>
    [Alias("GetSpecs"), AlwaysInterleave]
    Task<RunSpec[]> GetSpecs();

    /// <summary>The values at <paramref name="rung"/> of the shard's cells of <paramref name="group"/> that reached it.</summary>
    [Alias("GetRungValues"), AlwaysInterleave]
    Task<CellRungValues[]> GetRungValues(int rung, string group);

    /// <summary>Applies a rung's decision to the shard's cells of its group (idempotent): stopped cells pause, the others go on.</summary>
    [Alias("ApplyDecision")]
    Task ApplyDecision(RungDecision decision);

    /// <summary>Resumes the shard's paused runs of a cell from their checkpoints, exempt from further early stopping; returns how many.</summary>
    [Alias("Promote")]
    Task<int> Promote(string cellKey);

    /// <summary>Up to <paramref name="count"/> planned runs from <paramref name="offset"/>, with their durable records.</summary>
    [Alias("GetRows")]
    Task<RunRow[]> GetRows(int offset, int count);
}
