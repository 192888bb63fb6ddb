using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Sweep.Tests.Failover;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Sweep.Tests.EarlyStopping;

/// <summary>
/// Successive halving over cells, with real trainings: three cells of three seeds, one of them clearly worse (a pool of
/// only sigmoid). It is stopped at the rung — paused, its checkpoints kept — and the others finish; a sweep whose silo
/// is stopped and started again mid-sweep decides exactly as an uninterrupted one; promoting the stopped cell resumes it
/// from its checkpoints to the numbers of a run never stopped.
/// </summary>
public sealed class EarlyStoppingTests
{
    private const int Epochs = 8, Rung = 3;
    private static readonly GrainInterfaces.EarlyStopping Halving = new([Rung], Keep: 2.0 / 3);

    private static IReadOnlyList<RunConfig> Configs() =>
        new[] { (IReadOnlyList<string>)["relu", "tanh"], ["relu", "leaky_relu"], ["sigmoid"] }
            .SelectMany(pool => Enumerable.Range(1, 3).Select(seed => TestSweeps.Tiny(seed, epochs: Epochs) with { Pool = pool }))
            .Concat(Enumerable.Range(1, 3).Select(seed => TestSweeps.Tiny(seed, epochs: Epochs, fixedActivation: "relu"))) // never compared or stopped
            .ToList();

    private static string CellOf(IReadOnlyList<string> pool) =>
        RunConfigKeys.Cell(TestSweeps.Tiny(1, epochs: Epochs) with { Pool = pool });

    [Fact]
    public async Task A_clearly_worse_cell_is_stopped_at_the_rung_the_others_finish_and_a_restart_decides_the_same()
    {
        var configs = Configs();
        var sigmoid = CellOf(["sigmoid"]);

        // Uninterrupted.
        using var first = new SharedStore("sqlite");
        IReadOnlyList<RunView> runs;
        RungDecision decision;
        await using (var cluster = await Start(first))
        {
            await TestSweeps.Submit(cluster.Client, "halving", configs, Settings);
            var status = await TestSweeps.WaitUntilFinished(cluster.Client, "halving", TimeSpan.FromMinutes(3));
            Assert.Equal(SweepState.Completed, status.State);
            Assert.Equal(9, status.Count(RunStatus.Done));
            Assert.Equal(3, status.Count(RunStatus.Paused));
            Assert.Equal(3 * (Epochs - Rung), status.EpochsSaved);
            runs = await TestSweeps.Runs(cluster.Client, "halving");
            decision = (await Decision(cluster.Client, configs))!;

            // The tables show the stopped cell with its rung, and test only the cells that ran their budget.
            var results = Directory.CreateTempSubdirectory("smartmixed-halving-");
            try
            {
                var export = await Client.Sweeps.SweepExport.ExportAsync(cluster.Client, "halving", results.FullName);
                var accuracy = Tables.SampleSweep.Load(Path.Combine(export.Directory, "accuracy.csv"));
                int row = Tables.SampleSweep.RowOf(accuracy, ("cell", sigmoid));
                Assert.Equal(Rung.ToString(), accuracy.Text(row, "stopped_at_epoch"));
                Assert.Equal("validation_loss", accuracy.Text(row, "rung_metric"));
                Assert.Equal("0", accuracy.Text(row, "n"));
                Assert.Equal("", accuracy.Text(row, "test_accuracy_mean"));
                var comparisons = Tables.SampleSweep.Load(Path.Combine(export.Directory, "comparisons.csv"));
                Assert.Equal(2, comparisons.Rows.Count); // the two cells that ran their budget, against relu
                Assert.DoesNotContain(sigmoid, Enumerable.Range(0, comparisons.Rows.Count).Select(r => comparisons.Text(r, "cell")));
            }
            finally
            {
                results.Delete(recursive: true);
            }
        }
        var stopped = runs.Where(r => r.Status == RunStatus.Paused).ToList();
        Assert.Equal(configs.Where(c => c.Pool.SequenceEqual(["sigmoid"])).Select(c => RunConfigKeys.Run(c)).Order(), stopped.Select(r => r.Hash).Order());
        Assert.All(stopped, r => Assert.Equal(Rung, r.StoppedAt));
        Assert.All(stopped, r => Assert.Equal(Rung, r.Epoch));
        Assert.All(runs.Where(r => r.Status == RunStatus.Done), r => Assert.Equal(Epochs, r.Epoch));
        Assert.Equal(3, decision.Cells); // the baseline cell takes no part
        Assert.Equal(2, decision.Kept);
        Assert.NotEqual(sigmoid, decision.Leader);

        // Stopped and started again while runs wait at the rung: the same decision, the same numbers.
        using var second = new SharedStore("sqlite");
        await using (var cluster = await Start(second))
        {
            await TestSweeps.Submit(cluster.Client, "halving", configs, Settings);
            await TestSweeps.WaitForRun(cluster.Client, "halving", r => r.Status == RunStatus.Waiting, TimeSpan.FromMinutes(2));
        }
        await using (var cluster = await Start(second))
        {
            var status = await TestSweeps.WaitUntilFinished(cluster.Client, "halving", TimeSpan.FromMinutes(3));
            Assert.Equal(3, status.Count(RunStatus.Paused));
            var again = (await Decision(cluster.Client, configs))!;
            Assert.Equal(decision with { DecidedAt = again.DecidedAt }, again, RungDecisionComparer.Instance);
            var rerun = await TestSweeps.Runs(cluster.Client, "halving");
            Assert.Equal(runs.Select(r => (r.Hash, r.Status, r.Epoch)), rerun.Select(r => (r.Hash, r.Status, r.Epoch)));
            var firstRows = await RowsOf(first, configs);
            var secondRows = await TestSweeps.Rows(cluster.Client, "halving");
            Assert.Equal(firstRows, secondRows.ToDictionary(r => r.Spec.Hash, r => r.Record?.Outcome.TestAccuracy));
        }
    }

    [Fact]
    public async Task A_promoted_cell_resumes_from_its_checkpoints_to_the_numbers_of_a_run_never_stopped()
    {
        var configs = Configs();
        using var store = new SharedStore("sqlite");
        await using var cluster = await Start(store);
        await TestSweeps.Submit(cluster.Client, "promoted", configs, Settings);
        await TestSweeps.WaitUntilFinished(cluster.Client, "promoted", TimeSpan.FromMinutes(3));

        var sweep = cluster.Client.GetGrain<ISweepGrain>("promoted");
        Assert.Equal(3, await sweep.Promote(CellOf(["sigmoid"])));
        Assert.Equal(SweepState.Active, (await sweep.GetStatus()).State);
        var status = await TestSweeps.WaitUntilFinished(cluster.Client, "promoted", TimeSpan.FromMinutes(3));
        Assert.Equal(12, status.Count(RunStatus.Done));
        Assert.Equal(0, status.EpochsSaved);

        var rows = await TestSweeps.Rows(cluster.Client, "promoted");
        foreach (var config in configs.Where(c => c.Pool.SequenceEqual(["sigmoid"])))
        {
            var record = rows.Single(r => r.Spec.Hash == RunConfigKeys.Run(config)).Record!;
            Assert.Equal(Rung, record.Outcome.ResumedFromEpoch); // from the checkpoint saved at the rung
            using var data = new TrainingData(DatasetCatalog.Load(config.Data));
            using var alone = TrainingSession.Start(config, data);
            while (!alone.IsFinished) alone.RunEpoch();
            Assert.Equal(alone.Result().TestAccuracy, record.Outcome.TestAccuracy);
            Assert.Equal(alone.History.Select(h => h.ValidationLoss), record.Curve.ValidationLoss);
        }

        // A cancelled sweep leases nothing: promoting would leave runs queued forever in a sweep that looks active.
        await TestSweeps.Submit(cluster.Client, "cancelled", configs, Settings);
        var cancelled = cluster.Client.GetGrain<ISweepGrain>("cancelled");
        await cancelled.Cancel();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cancelled.Promote(CellOf(["sigmoid"])));
        Assert.Contains("was cancelled", refused.Message);
        Assert.Equal(SweepState.Cancelled, (await cancelled.GetStatus()).State);
    }

    private static SweepSettings Settings => TestSweeps.EveryEpoch with { EarlyStopping = Halving };

    private static async Task<RungDecision?> Decision(IGrainFactory grains, IReadOnlyList<RunConfig> configs)
    {
        var spec = TestSweeps.Spec(configs[0]);
        return await grains.GetGrain<IRungGrain>(EarlyStoppingGroups.RungKey("halving", Rung, EarlyStoppingGroups.Group(spec, Rung))).GetDecision();
    }

    private static async Task<Dictionary<string, double?>> RowsOf(SharedStore store, IReadOnlyList<RunConfig> configs)
    {
        await using var cluster = await Start(store);
        var rows = await TestSweeps.Rows(cluster.Client, "halving");
        Assert.Equal(configs.Count, rows.Count);
        return rows.ToDictionary(r => r.Spec.Hash, r => r.Record?.Outcome.TestAccuracy);
    }

    private static async Task<InProcessTestCluster> Start(SharedStore store)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(store.SiloOptions(slots: 2)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Decisions compare by value, arrays included.</summary>
    private sealed class RungDecisionComparer : IEqualityComparer<RungDecision>
    {
        public static RungDecisionComparer Instance { get; } = new();

        public bool Equals(RungDecision? a, RungDecision? b) => a is not null && b is not null
            && (a.Rung, a.Group, a.Metric, a.Cells, a.Kept, a.Cutoff, a.Leader, a.DecidedAt) == (b.Rung, b.Group, b.Metric, b.Cells, b.Kept, b.Cutoff, b.Leader, b.DecidedAt)
            && a.LeaderSeeds.SequenceEqual(b.LeaderSeeds) && a.LeaderValues.SequenceEqual(b.LeaderValues);

        public int GetHashCode(RungDecision d) => d.Leader.GetHashCode(StringComparison.Ordinal);
    }
}
