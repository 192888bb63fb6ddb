namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Settings of a sweep that shape how its runs are executed but not their numbers (so they are not part of any run's
/// config or hash). <paramref name="CheckpointSeconds"/>: a run saves its training state at most once per this many
/// seconds of training (0: after every epoch), plus at its phase switch and when its silo stops gracefully.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepSettings")]
public sealed record SweepSettings([property: Id(0)] int CheckpointSeconds = SweepSettings.DefaultCheckpointSeconds)
{
    public const int DefaultCheckpointSeconds = 30;

    public static SweepSettings Default { get; } = new();
}
