namespace SmartMixed.GrainInterfaces;

/// <summary>The cluster's list of sweeps (one grain, key <see cref="Key"/>): which are active, for workers and <c>sweep list</c>.</summary>
[Alias("smartmixed.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("SetState")]
    Task SetState(string sweepId, SweepState state);

    [Alias("Active"), AlwaysInterleave]
    Task<string[]> Active();

    [Alias("List"), AlwaysInterleave]
    Task<SweepSummary[]> List();
}

[GenerateSerializer, Immutable, Alias("smartmixed.SweepSummary")]
public sealed record SweepSummary(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepState State,
    [property: Id(2)] DateTimeOffset UpdatedAt);
