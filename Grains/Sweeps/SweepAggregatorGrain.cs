using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// Keeps the running summary of each cell of one shard: the outcome of each ended run, without curves, so live views
/// (status, the live page, early stopping) see every cell's numbers without reading any run's record. Reports are
/// idempotent: the first Done outcome of a run stands, repeats change nothing.
/// </summary>
[GrainType("smartmixed-aggregator")]
[CollectionAgeLimit(Minutes = 5)]
public sealed class SweepAggregatorGrain(
    [PersistentState("aggregator", StorageNames.Sweeps)] IPersistentState<AggregatorState> state) : Grain, ISweepAggregatorGrain
{
    public async Task Report(CellRunEnd[] ends)
    {
        bool changed = false;
        foreach (var end in ends)
        {
            if (!state.State.Cells.TryGetValue(end.CellKey, out var cell))
            {
                cell = new CellEntry { SettingKey = end.SettingKey, Baseline = end.Baseline, Factors = end.Factors };
                state.State.Cells[end.CellKey] = cell;
            }
            var outcome = end.Outcome;
            if (cell.Runs.TryGetValue(outcome.Hash, out var known) && (known.Status == RunStatus.Done || Same(known, outcome))) continue;
            cell.Runs[outcome.Hash] = outcome;
            changed = true;
        }
        if (changed) await Persist();
    }

    public async Task SetPlan(string[] runHashes)
    {
        var plan = runHashes.ToHashSet(StringComparer.Ordinal);
        if (state.State.Plan is { } known && known.SetEquals(plan)) return;
        state.State.Plan = plan;
        await Persist();
    }

    public Task<CellSummary[]> GetCells()
    {
        var plan = state.State.Plan;
        var cells = new List<CellSummary>(state.State.Cells.Count);
        foreach (var (key, cell) in state.State.Cells)
        {
            var runs = cell.Runs.Values.Where(r => plan is null || plan.Contains(r.Hash)).OrderBy(r => r.Seed).ThenBy(r => r.Hash, StringComparer.Ordinal).ToArray();
            if (runs.Length > 0) cells.Add(new CellSummary(key, cell.SettingKey, cell.Baseline, cell.Factors, runs));
        }
        return Task.FromResult(cells.ToArray());
    }

    private async Task Persist()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // memory may be ahead of storage: the next call re-reads it
            throw;
        }
    }

    private static bool Same(RunOutcome a, RunOutcome b) =>
        a.Status == b.Status && a.FailureReason == b.FailureReason && a.EpochsRun == b.EpochsRun && a.Silo == b.Silo;
}
