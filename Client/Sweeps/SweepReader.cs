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

    /// <summary>
    /// Every planned run with its record, page by page; the next page is already on its way while the caller handles
    /// this one (the silo reads records while the client writes rows), and at most two pages are in memory.
    /// </summary>
    public static async IAsyncEnumerable<RunRow> RowsAsync(IGrainFactory grains, SweepStatus status, int pageSize = RowsPerPage,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (status.Shards == 0) yield break;
        int shard = 0, offset = 0;
        var pending = Shard(grains, status.SweepId, shard).GetRows(offset, pageSize);
        while (pending is not null)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await pending;
            // The page after this one: the rest of this shard, or the next shard from its start.
            if (page.Length == pageSize) offset += pageSize;
            else
            {
                shard++;
                offset = 0;
            }
            pending = shard < status.Shards ? Shard(grains, status.SweepId, shard).GetRows(offset, pageSize) : null;
            foreach (var row in page) yield return row;
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
