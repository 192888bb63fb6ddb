using SmartMixed.GrainInterfaces;

namespace SmartMixed.Client.Sweeps;

/// <summary>
/// Submits a plan to a sweep in bounded pieces: begin, one call per shard with that shard's part of the plan, commit.
/// Runs the sweep already holds stay in their shard (a resubmission reruns nothing that finished); new runs of a cell
/// the sweep knows join that cell's shard, however many (a cell is never split: early stopping and the tables count a
/// shard's cells as whole); new cells are packed, whole, into new shards of about <see cref="RunsPerShard"/> runs; a
/// run that starts from another run's result goes to that run's shard. Every message is bounded by a shard's size —
/// about <see cref="RunsPerShard"/> runs, or one cell's when a cell is larger — never by the sweep's. A submission cut
/// short is completed by submitting again.
/// </summary>
public static class SweepSubmitter
{
    public const int RunsPerShard = 128;

    private const int ParallelCalls = 16;

    public static async Task<SweepStatus> SubmitAsync(IGrainFactory grains, string sweepId, SweepSubmission header,
        IEnumerable<RunSpec> plan, CancellationToken cancellation = default)
    {
        SweepIds.Check(sweepId);
        var runs = new List<RunSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in plan)
            if (seen.Add(run.Hash)) runs.Add(run); // the same run twice: the first stands

        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var ticket = await sweep.BeginSubmit(header);

        // Where the sweep's runs and cells live now.
        var shardOfRun = new Dictionary<string, int>(StringComparer.Ordinal);
        var shardOfCell = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in Enumerable.Range(0, ticket.Shards).Chunk(ParallelCalls))
        {
            cancellation.ThrowIfCancellationRequested();
            var keys = await Task.WhenAll(batch.Select(i => Shard(grains, sweepId, i).GetKeys()));
            for (int b = 0; b < batch.Length; b++)
            {
                foreach (var key in keys[b])
                {
                    shardOfRun[key.Hash] = batch[b];
                    shardOfCell.TryAdd(key.CellKey, batch[b]);
                }
            }
        }

        var entries = Enumerable.Range(0, ticket.Shards).ToDictionary(i => i, _ => new List<ShardPlanEntry>());
        var placed = new Dictionary<string, int>(StringComparer.Ordinal);
        int nextShard = ticket.Shards, fill = 0;
        long position = 0;
        var positions = runs.ToDictionary(r => r.Hash, _ => position++, StringComparer.Ordinal);

        void Place(RunSpec run, int shard)
        {
            if (!entries.TryGetValue(shard, out var list)) entries[shard] = list = [];
            bool known = shardOfRun.ContainsKey(run.Hash);
            list.Add(new ShardPlanEntry(positions[run.Hash], run.Hash, known ? null : run));
            placed[run.Hash] = shard;
        }

        // Runs that start from another run's result come last, into their source's shard.
        foreach (var cell in runs.Where(r => r.Source is null).GroupBy(r => r.CellKey, StringComparer.Ordinal))
        {
            var fresh = new List<RunSpec>();
            foreach (var run in cell)
            {
                if (shardOfRun.TryGetValue(run.Hash, out var home)) Place(run, home);
                else fresh.Add(run);
            }
            if (fresh.Count == 0) continue;
            if (shardOfCell.TryGetValue(cell.Key, out var cellHome))
            {
                foreach (var run in fresh) Place(run, cellHome);
                continue;
            }
            if (fill > 0 && fill + fresh.Count > RunsPerShard)
            {
                nextShard++;
                fill = 0;
            }
            foreach (var run in fresh) Place(run, nextShard);
            shardOfCell[cell.Key] = nextShard;
            fill += fresh.Count;
        }
        foreach (var run in runs.Where(r => r.Source is not null))
        {
            if (shardOfRun.TryGetValue(run.Hash, out var home)) { Place(run, home); continue; }
            if (!placed.TryGetValue(run.Source!, out var sourceShard) && !shardOfRun.TryGetValue(run.Source!, out sourceShard))
                throw new ArgumentException($"run {run.Hash} starts from run {run.Source}, which is not in sweep '{sweepId}'");
            Place(run, sourceShard);
        }
        int shards = fill > 0 ? nextShard + 1 : nextShard;

        foreach (var batch in entries.Chunk(ParallelCalls))
        {
            cancellation.ThrowIfCancellationRequested();
            await Task.WhenAll(batch.Select(e => Shard(grains, sweepId, e.Key).Apply(new ShardPlan(ticket.Id, header.Settings, e.Value.ToArray()))));
        }
        if (header.Settings.EarlyStopping is { } stopping) await ExpectRungs(grains, sweepId, stopping, runs, cancellation);
        return await sweep.CommitSubmit(ticket.Id, Math.Max(shards, ticket.Shards));
    }

    /// <summary>Tells each rung of early stopping how many cells of each group it compares (before any run can reach it).</summary>
    private static async Task ExpectRungs(IGrainFactory grains, string sweepId, EarlyStopping stopping, IReadOnlyList<RunSpec> runs, CancellationToken cancellation)
    {
        var expected = new List<(string Key, int Cells)>();
        foreach (var rung in stopping.Rungs)
            foreach (var group in runs.Where(r => EarlyStoppingGroups.Compares(r, rung)).GroupBy(r => EarlyStoppingGroups.Group(r, rung), StringComparer.Ordinal))
                expected.Add((EarlyStoppingGroups.RungKey(sweepId, rung, group.Key), group.Select(r => r.CellKey).Distinct(StringComparer.Ordinal).Count()));
        foreach (var batch in expected.Chunk(ParallelCalls))
        {
            cancellation.ThrowIfCancellationRequested();
            await Task.WhenAll(batch.Select(e => grains.GetGrain<IRungGrain>(e.Key).Expect(e.Cells)));
        }
    }

    private static ISweepShardGrain Shard(IGrainFactory grains, string sweepId, int index) =>
        grains.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(sweepId, index));
}
