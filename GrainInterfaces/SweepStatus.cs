namespace SmartMixed.GrainInterfaces;

/// <summary>A sweep at one moment: its state and every run's.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepState State,
    [property: Id(2)] string? Description,
    [property: Id(3)] RunView[] Runs,
    [property: Id(4)] DateTimeOffset? SubmittedAt,
    [property: Id(5)] DateTimeOffset? EndedAt)
{
    public int Count(RunStatus status) => Runs.Count(r => r.Status == status);
    public int Total => Runs.Length;
    /// <summary>Completed, or cancelled with every run stopped.</summary>
    public bool IsFinished => State == SweepState.Completed
        || (State == SweepState.Cancelled && Runs.All(r => r.Status is not (RunStatus.Queued or RunStatus.Running)));
}
