namespace SmartMixed.GrainInterfaces;

/// <summary>Collects the ended runs of one sweep (key: sweep id) and compiles its tables over its current plan.</summary>
[Alias("smartmixed.ISweepAggregatorGrain")]
public interface ISweepAggregatorGrain : IGrainWithStringKey
{
    /// <summary>Records a run's end; a repeated report of the same run and outcome changes nothing.</summary>
    [Alias("Report")]
    Task Report(RunRecord record);

    /// <summary>The runs of the sweep's current plan; tables show only these (records of other runs are kept).</summary>
    [Alias("SetPlan")]
    Task SetPlan(string[] runHashes);

    [Alias("GetRecords"), AlwaysInterleave]
    Task<RunRecord[]> GetRecords();

    [Alias("GetTables")]
    Task<SweepTablesText> GetTables();
}
