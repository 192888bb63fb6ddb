namespace SmartMixed.GrainInterfaces;

/// <summary>
/// What a sweep keeps in memory of one shard: its planned runs' counts by state, how many queued runs can be handed
/// out now (a run that waits for its source cannot), and its progress in epochs. Shards push it on every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.ShardSummary")]
public sealed record ShardSummary(
    [property: Id(0)] int Shard,
    [property: Id(1)] RunCounts Counts,
    [property: Id(2)] int Leasable,
    [property: Id(3)] long EpochsDone,
    [property: Id(4)] long EpochsPlanned,
    [property: Id(5)] long EpochsSaved = 0)
{
    public static ShardSummary Empty(int shard) => new(shard, RunCounts.None, 0, 0, 0);
}
