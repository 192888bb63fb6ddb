namespace SmartMixed.GrainInterfaces;

/// <summary>
/// A sweep at one moment: its state, how many of its planned runs stand where, and its progress in epochs (ended runs
/// count as complete). Its size does not depend on the sweep's: list the runs themselves shard by shard.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepState State,
    [property: Id(2)] string? Description,
    [property: Id(3)] RunCounts Counts,
    [property: Id(4)] long EpochsDone,
    [property: Id(5)] long EpochsPlanned,
    [property: Id(6)] int Shards,
    [property: Id(7)] DateTimeOffset? SubmittedAt,
    [property: Id(8)] DateTimeOffset? EndedAt,
    [property: Id(9)] SweepSettings? Settings = null)
{
    public int Total => Counts.Total;

    public int Count(RunStatus status) => Counts.Of(status);

    /// <summary>Completed, or cancelled with every run stopped.</summary>
    public bool IsFinished => State == SweepState.Completed
        || (State == SweepState.Cancelled && Counts.Queued == 0 && Counts.Running == 0);
}

/// <summary>How many planned runs are in each state.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunCounts")]
public sealed record RunCounts(
    [property: Id(0)] int Queued,
    [property: Id(1)] int Running,
    [property: Id(2)] int Done,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Cancelled)
{
    public static RunCounts None { get; } = new(0, 0, 0, 0, 0);

    public int Total => Queued + Running + Done + Failed + Cancelled;

    public int Ended => Done + Failed + Cancelled;

    public int Of(RunStatus status) => status switch
    {
        RunStatus.Queued => Queued,
        RunStatus.Running => Running,
        RunStatus.Done => Done,
        RunStatus.Failed => Failed,
        RunStatus.Cancelled => Cancelled,
        _ => 0,
    };

    public RunCounts Plus(RunCounts o) => new(Queued + o.Queued, Running + o.Running, Done + o.Done, Failed + o.Failed, Cancelled + o.Cancelled);

    public RunCounts Minus(RunCounts o) => new(Queued - o.Queued, Running - o.Running, Done - o.Done, Failed - o.Failed, Cancelled - o.Cancelled);
}
