namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Everything a sweep keeps of one ended run: its outcome and its compact curve. Stored once, in the run's own grain
/// state; only the outcome (no curve) travels to the run's shard and cell summary.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunRecord")]
public sealed record RunRecord(
    [property: Id(0)] string SweepId,
    [property: Id(1)] RunOutcome Outcome,
    [property: Id(2)] RunCurve Curve);
