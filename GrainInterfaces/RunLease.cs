namespace SmartMixed.GrainInterfaces;

/// <summary>
/// A run handed to a silo with free capacity. <see cref="LeaseId"/> numbers the hand-outs of this run (1, 2, …):
/// reports from an older lease of the same run (a silo that was presumed dead, a retried attempt) are ignored.
/// <see cref="Shard"/> is the shard of the sweep that owns the run and takes its reports. <see cref="PauseAtEpoch"/>: a
/// rung of early stopping where the run saves its checkpoint and waits for its cell's decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunLease")]
public sealed record RunLease(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int Shard,
    [property: Id(2)] RunSpec Spec,
    [property: Id(3)] long LeaseId,
    [property: Id(4)] int Attempt,
    [property: Id(5)] SweepSettings Settings,
    [property: Id(6)] RunSource? Source = null,
    [property: Id(7)] int? PauseAtEpoch = null)
{
    public string RunKey => SweepIds.RunKey(SweepId, Spec.Hash);
}

/// <summary>The finished selection a dependent run starts from: per hidden layer, neurons per function in pool order.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunSource")]
public sealed record RunSource(
    [property: Id(0)] string Hash,
    [property: Id(1)] string[] Functions,
    [property: Id(2)] int[][] Selection);
