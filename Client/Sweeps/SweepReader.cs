using System.Runtime.CompilerServices;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Client.Sweeps;

/// <summary>
/// Reads a sweep shard by shard, one bounded message at a time, so a reader's memory and every message stay the same
/// size whatever the sweep's: its runs' views, specs and rows (with records), and its cells' summaries.
/// </summary>
public static class SweepReader
{
    public const int RowsPerPage = 32;

    public static async IAsyncEnumerable<RunView> RunsAsync(IGrainFactory grains, SweepStatus status,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        for (int i = 0; i < status.Shards; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var run in await Shard(grains, status.SweepId, i).GetRuns()) yield return run;
        }
    }

    public static async IAsyncEnumerable<RunSpec> SpecsAsync(IGrainFactory grains, SweepStatus status,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        for (int i = 0; i < status.Shards; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var spec in await Shard(grains, status.SweepId, i).GetSpecs()) yield return spec;
        }
    }

    public static async IAsyncEnumerable<RunRow> RowsAsync(IGrainFactory grains, SweepStatus status, int pageSize = RowsPerPage,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        for (int i = 0; i < status.Shards; i++)
        {
            var shard = Shard(grains, status.SweepId, i);
            for (int offset = 0; ; offset += pageSize)
            {
                cancellation.ThrowIfCancellationRequested();
                var page = await shard.GetRows(offset, pageSize);
                foreach (var row in page) yield return row;
                if (page.Length < pageSize) break;
            }
        }
    }

    /// <summary>Every cell's running summary, from the shards' aggregators (no run records are read).</summary>
    public static async Task<CellBook> CellsAsync(IGrainFactory grains, SweepStatus status, CancellationToken cancellation = default)
    {
        var book = new CellBook();
        for (int i = 0; i < status.Shards; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var cell in await grains.GetGrain<ISweepAggregatorGrain>(SweepIds.ShardKey(status.SweepId, i)).GetCells()) book.Add(cell);
        }
        return book;
    }

    private static ISweepShardGrain Shard(IGrainFactory grains, string sweepId, int index) =>
        grains.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(sweepId, index));
}
