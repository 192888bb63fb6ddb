namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Decides one rung of early stopping for one group of cells (key: <c>{sweep id}/{rung}/{group}</c>): once every cell of
/// the group has reached the rung, it gathers their per-seed values from the shards that hold them, decides, stores the
/// decision durably (its rule and the leader's values: bounded by the seeds) and has every shard apply it. Its state is
/// one count per shard, never one entry per cell or run.
/// </summary>
[Alias("smartmixed.IRungGrain")]
public interface IRungGrain : IGrainWithStringKey
{
    /// <summary>How many cells the rung compares in this group (the submitter's count; set again on resubmission).</summary>
    [Alias("Expect")]
    Task Expect(int cells);

    /// <summary>A shard's count of its cells of the group that have reached the rung (cumulative, so repeats are harmless).</summary>
    [Alias("Arrived"), OneWay]
    Task Arrived(int shard, int cells);

    [Alias("GetDecision"), AlwaysInterleave]
    Task<RungDecision?> GetDecision();

    /// <summary>Decides once every cell has arrived, and hands the decision to the shards (a self-call).</summary>
    [Alias("Decide"), OneWay]
    Task Decide();
}

/// <summary>
/// A rung's decision, as a rule every shard applies to its own cells: stop a stoppable cell when its mean is worse than
/// <see cref="Cutoff"/> (the mean of the last kept cell; ties are kept) and its seed-paired 95 % interval against the
/// leader's values lies wholly on the worse side.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RungDecision")]
public sealed record RungDecision(
    [property: Id(0)] int Rung,
    [property: Id(1)] string Group,
    [property: Id(2)] string Metric,
    [property: Id(3)] bool LowerIsBetter,
    [property: Id(4)] int Cells,
    [property: Id(5)] int Kept,
    [property: Id(6)] double Cutoff,
    [property: Id(7)] string Leader,
    [property: Id(8)] int[] LeaderSeeds,
    [property: Id(9)] double[] LeaderValues,
    [property: Id(10)] DateTimeOffset DecidedAt);

/// <summary>One cell's values at a rung: per seed, the metric at exactly that epoch.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.CellRungValues")]
public sealed record CellRungValues(
    [property: Id(0)] string CellKey,
    [property: Id(1)] bool Stoppable,
    [property: Id(2)] int[] Seeds,
    [property: Id(3)] double[] Values)
{
    public double Mean => Values.Length == 0 ? double.NaN : Values.Average();
}
