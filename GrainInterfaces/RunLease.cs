namespace SmartMixed.GrainInterfaces;

/// <summary>
/// A run handed to a silo with free capacity. <see cref="LeaseId"/> identifies this hand-out: reports from an
/// older lease of the same run (a silo that was presumed dead, a retried attempt) are ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunLease")]
public sealed record RunLease(
    [property: Id(0)] string SweepId,
    [property: Id(1)] RunSpec Spec,
    [property: Id(2)] long LeaseId,
    [property: Id(3)] int Attempt);
