namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One training run of a sweep (key: <c>{sweep id}/{run hash}</c>). Trains in the background, never on the grain's
/// turn, so status calls are answered while it trains. Keeps its own durable record once it has ended.
/// </summary>
[Alias("smartmixed.ITrainingRunGrain")]
public interface ITrainingRunGrain : IGrainWithStringKey
{
    /// <summary>Starts (or resumes from its checkpoint) the leased run; a repeated start of the same lease does nothing.</summary>
    [Alias("Start")]
    Task Start(RunLease lease, Guid slotTicket);

    [Alias("GetStatus"), AlwaysInterleave]
    Task<RunProgress?> GetStatus();

    /// <summary>The run's record once it has ended (durable in this grain's state), else null.</summary>
    [Alias("GetRecord"), AlwaysInterleave]
    Task<RunRecord?> GetRecord();

    [Alias("Cancel"), OneWay]
    Task Cancel(long leaseId);

    /// <summary>The background job's report back into the activation that started it (a self-call).</summary>
    [Alias("Complete")]
    Task Complete(Guid jobToken, RunRecord record, bool retryable);
}
