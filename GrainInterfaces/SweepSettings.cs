namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Settings of a sweep that shape how its runs are executed and reported but not their numbers (so they are not part of
/// any run's config or hash). <paramref name="CheckpointSeconds"/>: a run saves its training state at most once per this
/// many seconds of training (0: after every epoch), plus at its phase switch and when its silo stops gracefully.
/// <paramref name="CompareTo"/>: the baselines (by label) each SmartMixed cell is compared with in the tables, declared
/// before any result is seen; null: the baseline with the best validation accuracy.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepSettings")]
public sealed record SweepSettings(
    [property: Id(0)] int CheckpointSeconds = SweepSettings.DefaultCheckpointSeconds,
    [property: Id(1)] string[]? CompareTo = null)
{
    public const int DefaultCheckpointSeconds = 30;

    public static SweepSettings Default { get; } = new();
}
