namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Settings of a sweep that shape how its runs are executed and reported but not their numbers (so they are not part of
/// any run's config or hash). <paramref name="CheckpointSeconds"/>: a run saves its training state at most once per this
/// many seconds of training (0: after every epoch), plus at its phase switch and when its silo stops gracefully.
/// <paramref name="CompareTo"/>: the baselines (by label) each SmartMixed cell is compared with in the tables, declared
/// before any result is seen; null: the baseline with the best validation accuracy. <paramref name="EarlyStopping"/>:
/// successive halving over cells, off when null.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepSettings")]
public sealed record SweepSettings(
    [property: Id(0)] int CheckpointSeconds = SweepSettings.DefaultCheckpointSeconds,
    [property: Id(1)] string[]? CompareTo = null,
    [property: Id(2)] EarlyStopping? EarlyStopping = null)
{
    public const int DefaultCheckpointSeconds = 30;

    public static SweepSettings Default { get; } = new();
}

/// <summary>
/// Successive halving over cells. At each rung (an epoch), the SmartMixed cells of one setting are compared on the mean
/// over their seeds of <see cref="Metric"/> at exactly that epoch, once every such cell has reached it; a cell is stopped
/// when it is outside the best <see cref="Keep"/> fraction and its seed-paired 95 % interval against the rung's leader
/// lies wholly on the worse side. Baselines are never compared or stopped; reference-preset cells may lead, never stop.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.EarlyStopping")]
public sealed record EarlyStopping(
    [property: Id(0)] int[] Rungs,
    [property: Id(1)] double Keep,
    [property: Id(2)] string Metric = EarlyStopping.ValidationLoss)
{
    public const string ValidationLoss = "validation_loss";
    public const string ValidationAccuracy = "validation_accuracy";

    /// <summary>True when a smaller value of the metric is better.</summary>
    public bool LowerIsBetter => Metric == ValidationLoss;
}
