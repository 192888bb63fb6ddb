using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Tests.Cluster;

namespace SmartMixed.Sweep.Tests.Storage;

/// <summary>Where a submission puts its runs: a cell stays in one shard, however many seeds later submissions add.</summary>
public sealed class ShardPlacementTests
{
    [Fact]
    public async Task Seeds_added_to_a_known_cell_join_its_shard_even_past_the_usual_shard_size()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(new SweepSiloOptions { Storage = "memory", Train = false }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        // One cell (one temperature) of 400 seeds, then the same cell with 700: early stopping and the tables count a
        // shard's part of a cell as the whole cell, so the cell must never be split.
        await TestSweeps.Submit(cluster.Client, "seeds", Enumerable.Range(1, 400).Select(seed => TestSweeps.Tiny(seed)));
        var status = await TestSweeps.Submit(cluster.Client, "seeds", Enumerable.Range(1, 700).Select(seed => TestSweeps.Tiny(seed)));

        Assert.Equal(700, status.Total);
        Assert.Equal(1, status.Shards);
        var runs = await cluster.Client.GetGrain<ISweepShardGrain>(SweepIds.ShardKey("seeds", 0)).GetRuns();
        Assert.Equal(700, runs.Length);
    }
}
