using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Chaos;

/// <summary>What one look at the sweep found: its counts, and every invariant it broke.</summary>
public sealed record CheckResult(SweepStatus? Status, IReadOnlyList<string> Violations, IReadOnlyDictionary<string, RunRow> Rows)
{
    public string Counts => Status is not { Total: > 0 } s
        ? "not submitted yet"
        : $"{s.Count(RunStatus.Done)}/{s.Total} done, {s.Count(RunStatus.Running)} running, {s.Count(RunStatus.Queued)} queued, " +
          $"{s.Count(RunStatus.Failed)} failed, {s.Count(RunStatus.Cancelled)} cancelled";
}

/// <summary>
/// The sweep's invariants, read through the cluster. A sweep is read shard by shard while it runs, so a run can end
/// between two reads; the checks allow exactly that and nothing more. Each shard's aggregator is read before and after
/// the shards' indexes: a run the index shows done must be in its cell summary (read after), and a run a cell summary
/// counted (read before) must be done or, for the moment of its end, still running in the index.
/// </summary>
public sealed class Invariants(SweepPlan plan)
{
    private readonly Dictionary<string, PlannedRun> _planned = plan.Runs.ToDictionary(r => r.Hash, StringComparer.Ordinal);

    public async Task<CheckResult> CheckAsync(IGrainFactory grains)
    {
        var violations = new List<string>();
        var status = await grains.GetGrain<ISweepGrain>(plan.SweepId).GetStatus();
        if (status.State == SweepState.Unknown || status.Total == 0)
            return new CheckResult(status, violations, new Dictionary<string, RunRow>());

        if (status.Total != _planned.Count) violations.Add($"the sweep counts {status.Total} runs, the plan has {_planned.Count}");
        var before = await Ended(grains, status, violations, "before");
        var runs = new List<RunView>();
        await foreach (var run in SweepReader.RunsAsync(grains, status)) runs.Add(run);
        var after = await Ended(grains, status, violations, "after");

        // Every planned run is listed once, and nothing else is.
        foreach (var group in runs.GroupBy(r => r.Hash).Where(g => g.Count() > 1))
            violations.Add($"run {group.Key} is listed {group.Count()} times (shards {string.Join(",", group.Select(r => r.Shard))})");
        var listed = runs.Select(r => r.Hash).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in listed.Where(h => !_planned.ContainsKey(h))) violations.Add($"run {hash} is in the sweep but not in the plan");
        foreach (var hash in _planned.Keys.Where(h => !listed.Contains(h))) violations.Add($"planned run {hash} is missing from the sweep");
        var index = runs.GroupBy(r => r.Hash).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var run in runs.Where(r => r.Status is RunStatus.Failed or RunStatus.Cancelled))
            violations.Add($"run {run.Hash} {run.Status.ToString().ToLowerInvariant()}: {run.FailureReason}");
        foreach (var (hash, outcome) in before.Where(e => e.Value.Status == RunStatus.Done))
            if (!index.TryGetValue(hash, out var view) || view.Status is not (RunStatus.Done or RunStatus.Running))
                violations.Add($"run {hash} is counted done in its cell summary but {view?.Status.ToString().ToLowerInvariant() ?? "absent"} in its shard");
        foreach (var run in runs.Where(r => r.Status == RunStatus.Done))
            if (!after.TryGetValue(run.Hash, out var outcome) || outcome.Status != RunStatus.Done)
                violations.Add($"run {run.Hash} is done in its shard but not counted done in its cell summary");

        // Each done run's durable record: there, done, complete, and the same end its cell summary counted.
        var rows = new Dictionary<string, RunRow>(StringComparer.Ordinal);
        await foreach (var row in SweepReader.RowsAsync(grains, status))
        {
            if (!rows.TryAdd(row.Spec.Hash, row)) violations.Add($"run {row.Spec.Hash} has two rows");
            if (row.View.Status != RunStatus.Done) continue;
            if (row.Record is not { } record)
            {
                violations.Add($"run {row.Spec.Hash} is done but has no record");
                continue;
            }
            var o = record.Outcome;
            if (o.Hash != row.Spec.Hash || o.Status != RunStatus.Done) violations.Add($"run {row.Spec.Hash}: its record is of {o.Hash}, {o.Status}");
            if (record.Curve.Epochs != row.Spec.Epochs || o.EpochsRun != row.Spec.Epochs)
                violations.Add($"run {row.Spec.Hash}: its record has {record.Curve.Epochs} epochs of curve and {o.EpochsRun} run, not {row.Spec.Epochs}");
            if (o.Attempts < 1 || o.Attempts > row.View.Attempts)
                violations.Add($"run {row.Spec.Hash}: its record says attempt {o.Attempts}, its shard {row.View.Attempts} attempt(s)");
            if (after.TryGetValue(row.Spec.Hash, out var counted) && counted.Status == RunStatus.Done
                && (counted.WallSeconds != o.WallSeconds || counted.Silo != o.Silo || counted.TestAccuracy != o.TestAccuracy))
                violations.Add($"run {row.Spec.Hash}: its record ({o.Silo}, {o.WallSeconds:0.000} s) is not the end its cell summary counted " +
                               $"({counted.Silo}, {counted.WallSeconds:0.000} s): it ended twice");
        }
        return new CheckResult(status, violations, rows);
    }

    /// <summary>Runs on a silo that is not an active member of the cluster now.</summary>
    public static async Task<IReadOnlyList<RunView>> OnDeadSilosAsync(IGrainFactory grains, SweepStatus status)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var alive = hosts.Keys.Select(h => h.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        var dead = new List<RunView>();
        await foreach (var run in SweepReader.RunsAsync(grains, status))
            if (run.Status == RunStatus.Running && (run.Silo is null || !alive.Contains(run.Silo))) dead.Add(run);
        return dead;
    }

    /// <summary>Every ended run in the cell summaries, by hash; a run counted twice is a violation.</summary>
    private static async Task<Dictionary<string, RunOutcome>> Ended(IGrainFactory grains, SweepStatus status, List<string> violations, string when)
    {
        var ended = new Dictionary<string, RunOutcome>(StringComparer.Ordinal);
        for (int i = 0; i < status.Shards; i++)
            foreach (var cell in await grains.GetGrain<ISweepAggregatorGrain>(SweepIds.ShardKey(status.SweepId, i)).GetCells())
            foreach (var outcome in cell.Runs)
                if (!ended.TryAdd(outcome.Hash, outcome))
                    violations.Add($"run {outcome.Hash} is counted twice in the cell summaries (read {when} the shards)");
        return ended;
    }
}
