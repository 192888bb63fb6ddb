namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One sweep (key: sweep id): its header (state, description, spec, settings, shard count) and, in memory, a summary
/// of each of its shards. Hands queued runs to silos that ask, shard by shard in plan order; cancels; notices when
/// every planned run has ended. Its stored state does not grow with the sweep: the runs live in its shards.
/// </summary>
[Alias("smartmixed.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts a submission; the caller then applies each shard's part of the plan and commits.</summary>
    [Alias("BeginSubmit")]
    Task<SubmissionTicket> BeginSubmit(SweepSubmission submission);

    /// <summary>Makes the submitted plan current: the header takes effect, shards below <paramref name="shards"/> count.</summary>
    [Alias("CommitSubmit")]
    Task<SweepStatus> CommitSubmit(Guid submissionId, int shards);

    [Alias("GetStatus"), AlwaysInterleave]
    Task<SweepStatus> GetStatus();

    /// <summary>Queued runs never start; running ones stop at their next batch.</summary>
    [Alias("Cancel")]
    Task<SweepStatus> Cancel();

    /// <summary>Resumes a cell that early stopping paused (every shard is asked); returns how many runs were resumed.</summary>
    [Alias("Promote")]
    Task<int> Promote(string cellKey);

    /// <summary>The next queued run for <paramref name="silo"/>, or null when none is waiting.</summary>
    [Alias("LeaseNext")]
    Task<RunLease?> LeaseNext(string silo);

    /// <summary>A shard's latest summary. Only updates memory, so it may interleave with a lease that waits on the shard.</summary>
    [Alias("ShardChanged"), AlwaysInterleave]
    Task ShardChanged(ShardSummary summary);

    /// <summary>Records the sweep's end once every planned run has ended (a self-call after a shard reported its last end).</summary>
    [Alias("CompleteIfEnded"), OneWay]
    Task CompleteIfEnded();
}
