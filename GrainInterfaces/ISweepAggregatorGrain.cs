namespace SmartMixed.GrainInterfaces;

/// <summary>
/// The running summaries of the cells of one shard (key: <c>{sweep id}/{shard}</c>): each ended run's outcome, without
/// curves, grouped by cell. Reports are idempotent: the first Done outcome of a run stands, repeats change nothing.
/// </summary>
[Alias("smartmixed.ISweepAggregatorGrain")]
public interface ISweepAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Records the ends of runs of this shard (durably when this returns).</summary>
    [Alias("Report")]
    Task Report(CellRunEnd[] ends);

    /// <summary>The runs of the shard's current plan; summaries show only these (outcomes of other runs are kept).</summary>
    [Alias("SetPlan")]
    Task SetPlan(string[] runHashes);

    [Alias("GetCells"), AlwaysInterleave]
    Task<CellSummary[]> GetCells();
}

/// <summary>A run's end as its cell summary takes it: the cell's labels and the run's outcome.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.CellRunEnd")]
public sealed record CellRunEnd(
    [property: Id(0)] string CellKey,
    [property: Id(1)] string SettingKey,
    [property: Id(2)] string? Baseline,
    [property: Id(3)] FactorValue[] Factors,
    [property: Id(4)] RunOutcome Outcome);
