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
    [property: Id(9)] SweepSettings? Settings = null,
    [property: Id(10)] long EpochsSaved = 0)
{
    public int Total => Counts.Total;

    public int Count(RunStatus status) => Counts.Of(status);

    /// <summary>Completed, or cancelled with every run stopped.</summary>
    public bool IsFinished => State == SweepState.Completed || (State == SweepState.Cancelled && !Counts.InFlight);
}

/// <summary>How many planned runs are in each state.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunCounts")]
public sealed record RunCounts(
    [property: Id(0)] int Queued,
    [property: Id(1)] int Running,
    [property: Id(2)] int Done,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Cancelled,
    [property: Id(5)] int Waiting = 0,
    [property: Id(6)] int Paused = 0)
{
    public static RunCounts None { get; } = new(0, 0, 0, 0, 0);

    public int Total => Queued + Running + Done + Failed + Cancelled + Waiting + Paused;

    public int Ended => Done + Failed + Cancelled;

    /// <summary>Runs that will still train (queued, running, or waiting at a rung for their cell's decision).</summary>
    public bool InFlight => Queued + Running + Waiting > 0;

    public int Of(RunStatus status) => status switch
    {
        RunStatus.Queued => Queued,
        RunStatus.Running => Running,
        RunStatus.Done => Done,
        RunStatus.Failed => Failed,
        RunStatus.Cancelled => Cancelled,
        RunStatus.Waiting => Waiting,
        RunStatus.Paused => Paused,
        _ => 0,
    };

    public RunCounts Plus(RunCounts o) => new(Queued + o.Queued, Running + o.Running, Done + o.Done, Failed + o.Failed,
        Cancelled + o.Cancelled, Waiting + o.Waiting, Paused + o.Paused);

    public RunCounts Minus(RunCounts o) => new(Queued - o.Queued, Running - o.Running, Done - o.Done, Failed - o.Failed,
        Cancelled - o.Cancelled, Waiting - o.Waiting, Paused - o.Paused);

    public override string ToString() =>
        $"{Done} done, {Running} running, {Queued} queued, {Failed} failed, {Cancelled} cancelled, {Waiting} waiting, {Paused} paused";
}
