using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// Collects the ended runs of one sweep durably and compiles its tables from them, so the tables can be rebuilt
/// after any restart. Reports are idempotent: the first Done record of a run stands, repeats change nothing.
/// </summary>
[GrainType("smartmixed-aggregator")]
public sealed class SweepAggregatorGrain(
    [PersistentState("aggregator", StorageNames.Sweeps)] IPersistentState<AggregatorState> state) : Grain, ISweepAggregatorGrain
{
    public async Task Report(RunRecord record)
    {
        var records = state.State.Records;
        if (records.TryGetValue(record.Spec.Hash, out var known))
        {
            if (known.Status == RunStatus.Done) return; // a finished run's numbers never change
            if (Same(known, record)) return;
        }
        records[record.Spec.Hash] = record;
        await state.WriteStateAsync();
    }

    public async Task SetPlan(string[] runHashes)
    {
        var plan = runHashes.ToHashSet();
        if (state.State.Plan is { } known && known.SetEquals(plan)) return;
        state.State.Plan = plan;
        await state.WriteStateAsync();
    }

    public Task<RunRecord[]> GetRecords() => Task.FromResult(Planned().ToArray());

    public Task<SweepTablesText> GetTables()
    {
        var records = Planned();
        return Task.FromResult(new SweepTablesText(
            RunsTable.Build(records).ToCsv(),
            AccuracyTable.Build(records).ToCsv(),
            DiversityTable.Build(records).ToCsv(),
            CurvesTable.Build(records).ToCsv(),
            records.Count));
    }

    private List<RunRecord> Planned() =>
        state.State.Records.Values.Where(r => state.State.Plan is not { } plan || plan.Contains(r.Spec.Hash)).ToList();

    private static bool Same(RunRecord a, RunRecord b) =>
        a.Status == b.Status && a.FailureReason == b.FailureReason && a.EpochsRun == b.EpochsRun && a.Silo == b.Silo;
}
