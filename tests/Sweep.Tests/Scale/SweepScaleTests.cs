using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Sweep.Tests.Tables;

namespace SmartMixed.Sweep.Tests.Scale;

/// <summary>
/// Large sweeps with the simulated trainer: what the sweep writes per event must not grow with the sweep, and an
/// export of ten thousand runs has exactly one row per run.
/// </summary>
[Collection(SimulatedCollection.Name)]
public sealed class SweepScaleTests(SimulatedCluster fixture)
{
    [Fact]
    public async Task What_a_sweep_writes_per_event_does_not_grow_with_the_sweep()
    {
        // 300 runs fill three shards; 3,000 fill twenty-four. Every state the sweep writes per event must stay the same size.
        await Run("small", 300);
        await Run("large", 3_000);

        var writes = fixture.Storage.Writes;
        foreach (var state in new[] { "sweep", "shard-index", "shard-specs", "aggregator", "run" })
        {
            var small = writes[("small", state)];
            var large = writes[("large", state)];
            Assert.True(large.MaxBytes <= small.MaxBytes * 1.05 + 64,
                $"the largest '{state}' write grew from {small.MaxBytes} B (300 runs) to {large.MaxBytes} B (3,000 runs)");
        }
        // The sweep's own header is written per submission and at the end, never per run.
        Assert.Equal(writes[("small", "sweep")].Writes, writes[("large", "sweep")].Writes);
        Assert.True(writes[("large", "run")].Writes >= 3_000);
        // A shard's scheduling index, written on every lease and end, stays small in absolute terms too.
        Assert.InRange(writes[("large", "shard-index")].MaxBytes, 1, 48 * 1024);
        Assert.InRange(writes[("large", "sweep")].MaxBytes, 1, 4 * 1024);
    }

    [Fact]
    public async Task An_export_of_ten_thousand_runs_has_exactly_one_row_per_run()
    {
        var configs = SimulatedCluster.Runs(10_000, epochs: 3, hidden: [8, 8]).ToList();
        var status = await Run("ten-thousand", configs);
        Assert.Equal(10_000, status.Count(RunStatus.Done));

        var directory = Directory.CreateTempSubdirectory("smartmixed-export-");
        try
        {
            var export = await SweepExport.ExportAsync(fixture.Grains, "ten-thousand", directory.FullName);
            Assert.Equal(10_000, export.Runs);
            Assert.Equal(30_000, export.CurveRows);
            var runs = SampleSweep.Load(Path.Combine(export.Directory, "runs.csv"));
            Assert.Equal(10_000, runs.Rows.Count);
            var hashes = Enumerable.Range(0, runs.Rows.Count).Select(r => runs.Text(r, "run_hash")).ToList();
            Assert.Equal(configs.Select(c => TestSweeps.Spec(c).Hash).Order(), hashes.Order());
            Assert.All(Enumerable.Range(0, runs.Rows.Count), r => Assert.Equal("done", runs.Text(r, "status")));
            var accuracy = SampleSweep.Load(Path.Combine(export.Directory, "accuracy.csv"));
            Assert.Equal(2_000, accuracy.Rows.Count); // cells of five seeds
            Assert.All(Enumerable.Range(0, accuracy.Rows.Count), r => Assert.Equal("5", accuracy.Text(r, "n")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private Task<SweepStatus> Run(string sweepId, int runs) => Run(sweepId, SimulatedCluster.Runs(runs, epochs: 50).ToList());

    private async Task<SweepStatus> Run(string sweepId, IReadOnlyList<Training.Config.RunConfig> configs)
    {
        await TestSweeps.Submit(fixture.Grains, sweepId, configs);
        var status = await TestSweeps.WaitUntilFinished(fixture.Grains, sweepId, TimeSpan.FromMinutes(10));
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(configs.Count, status.Count(RunStatus.Done));
        return status;
    }
}
