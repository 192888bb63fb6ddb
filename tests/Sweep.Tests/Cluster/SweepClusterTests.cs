using Microsoft.Extensions.DependencyInjection;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Scheduling;

namespace SmartMixed.Sweep.Tests.Cluster;

[Collection(TwoSiloCollection.Name)]
public sealed class SweepClusterTests(TwoSiloCluster fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Many_small_runs_on_two_silos_end_with_exactly_one_result_each_within_the_slot_limit()
    {
        var configs = Enumerable.Range(1, 12).Select(seed => TestSweeps.Tiny(seed)).ToList();
        await TestSweeps.Submit(Grains, "many-runs", configs);
        var status = await TestSweeps.WaitUntilFinished(Grains, "many-runs", TimeSpan.FromMinutes(3));

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(12, status.Total);
        Assert.Equal(12, status.Count(RunStatus.Done));
        var runs = await TestSweeps.Runs(Grains, "many-runs");
        Assert.All(runs, r => Assert.Equal(1, r.Attempts));

        var rows = await TestSweeps.Rows(Grains, "many-runs");
        Assert.Equal(configs.Select(c => TestSweeps.Spec(c).Hash).Order(), rows.Select(r => r.Spec.Hash).Order());
        Assert.All(rows, r => Assert.Equal(2, r.Record!.Outcome.EpochsRun));
        Assert.All(rows, r => Assert.Equal(2, r.Record!.Curve.Epochs));
        Assert.All(rows, r => Assert.NotNull(r.Record!.Curve.FlipRateOf(1, 1))); // the selecting epoch's own layer flip rate
        Assert.All(rows, r => Assert.Null(r.Record!.Curve.FlipRateOf(2, 1))); // none once the selection is fixed

        // Runs were spread over both silos, and no silo ever ran more trainings than it has slots.
        Assert.Equal(2, rows.Select(r => r.Record!.Outcome.Silo).Distinct().Count());
        foreach (var silo in fixture.Cluster.Silos)
        {
            var slots = silo.ServiceProvider.GetRequiredService<TrainingSlots>();
            Assert.InRange(slots.Peak, 1, TwoSiloCluster.SlotsPerSilo);
            Assert.Equal(0, slots.Running);
        }
    }

    [Fact]
    public async Task Duplicates_run_once_and_resubmission_reruns_nothing()
    {
        var configs = new[] { TestSweeps.Tiny(1), TestSweeps.Tiny(2), TestSweeps.Tiny(1) };
        var submitted = await TestSweeps.Submit(Grains, "duplicates", configs);
        Assert.Equal(2, submitted.Total);
        await TestSweeps.WaitUntilFinished(Grains, "duplicates", TimeSpan.FromMinutes(2));

        var again = await TestSweeps.Submit(Grains, "duplicates", configs);
        Assert.Equal(SweepState.Completed, again.State);
        await Task.Delay(500); // a re-run would have been leased by now
        var runs = await TestSweeps.Runs(Grains, "duplicates");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Done, r.Status));
        Assert.All(runs, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, (await TestSweeps.Rows(Grains, "duplicates")).Count);
    }

    [Fact]
    public async Task Cancel_stops_running_runs_never_starts_queued_ones_and_leaves_a_consistent_state()
    {
        var configs = Enumerable.Range(1, 10).Select(seed => TestSweeps.Tiny(seed, epochs: 400)).ToList();
        await TestSweeps.Submit(Grains, "cancelled", configs);
        await TestSweeps.WaitForRun(Grains, "cancelled", r => r.Status == RunStatus.Running && r.Epoch >= 1, TimeSpan.FromMinutes(1));

        await Grains.GetGrain<ISweepGrain>("cancelled").Cancel();
        var status = await TestSweeps.WaitUntilFinished(Grains, "cancelled", TimeSpan.FromMinutes(1));

        Assert.Equal(SweepState.Cancelled, status.State);
        var runs = await TestSweeps.Runs(Grains, "cancelled");
        Assert.DoesNotContain(runs, r => r.Status is RunStatus.Queued or RunStatus.Running);
        Assert.Contains(runs, r => r.Status == RunStatus.Cancelled && r.Epoch >= 1); // stopped mid-training
        Assert.Contains(runs, r => r.Status == RunStatus.Cancelled && r.Attempts == 0); // never started
        var cells = await Client.Sweeps.SweepReader.CellsAsync(Grains, status);
        Assert.Equal(10, cells.Cells.Sum(c => c.Runs.Count));
        Assert.All(cells.Cells.SelectMany(c => c.Runs), r => Assert.Equal(RunStatus.Cancelled, r.Status));
        Assert.All(fixture.Cluster.Silos, s => Assert.True(SpinWait.SpinUntil(
            () => s.ServiceProvider.GetRequiredService<TrainingSlots>().Running == 0, TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Status_calls_are_answered_while_trainings_run()
    {
        var config = TestSweeps.Tiny(5, epochs: 300);
        await TestSweeps.Submit(Grains, "status-while-training", [config]);
        await TestSweeps.WaitForRun(Grains, "status-while-training", r => r.Status == RunStatus.Running && r.Epoch >= 1, TimeSpan.FromMinutes(1));

        var sweep = Grains.GetGrain<ISweepGrain>("status-while-training");
        var run = Grains.GetGrain<ITrainingRunGrain>($"status-while-training/{TestSweeps.Spec(config).Hash}");
        for (int i = 0; i < 5; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var progress = await run.GetStatus();
            var sweepStatus = await sweep.GetStatus();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"status took {clock.Elapsed}");
            Assert.Equal(RunStatus.Running, progress!.Status);
            Assert.Equal(1, sweepStatus.Count(RunStatus.Running));
        }
        try
        {
            var before = (await run.GetStatus())!.Epoch;
            await TestSweeps.WaitForRun(Grains, "status-while-training", r => r.Epoch > before, TimeSpan.FromSeconds(30)); // progress keeps coming
            // The sweep's own count follows within a couple of seconds (shards push their summary at most once a second).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while ((await sweep.GetStatus()).EpochsDone <= before && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True((await sweep.GetStatus()).EpochsDone > before, "the sweep's epoch count did not follow the run's progress");
        }
        finally
        {
            await sweep.Cancel();
            await TestSweeps.WaitUntilFinished(Grains, "status-while-training", TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task A_diverging_run_fails_with_its_reason_is_not_retried_and_the_sweep_still_completes()
    {
        var diverging = TestSweeps.Tiny(1, epochs: 3) with
        {
            Fixed = "identity",
            Hidden = [64, 64],
            Optimizer = new Training.Config.OptimizerSpec(LearningRate: 1e12, ClipNorm: null, BatchSize: 64),
        };
        await TestSweeps.Submit(Grains, "diverging", [diverging, TestSweeps.Tiny(2)]);
        var status = await TestSweeps.WaitUntilFinished(Grains, "diverging", TimeSpan.FromMinutes(2));

        Assert.Equal(SweepState.Completed, status.State);
        var runs = await TestSweeps.Runs(Grains, "diverging");
        var failed = runs.Single(r => r.Status == RunStatus.Failed);
        Assert.Contains("diverged", failed.FailureReason);
        Assert.Equal(1, failed.Attempts); // never retried
        Assert.Single(runs, r => r.Status == RunStatus.Done);
        var record = (await TestSweeps.Rows(Grains, "diverging")).Single(r => r.View.Status == RunStatus.Failed).Record!;
        Assert.Contains("diverged", record.Outcome.FailureReason);
    }

    [Fact]
    public async Task A_changed_spec_keeps_finished_runs_retires_dropped_ones_and_tables_follow_the_new_plan()
    {
        await TestSweeps.Submit(Grains, "changed-spec", [TestSweeps.Tiny(1), TestSweeps.Tiny(2)]);
        await TestSweeps.WaitUntilFinished(Grains, "changed-spec", TimeSpan.FromMinutes(2));

        await TestSweeps.Submit(Grains, "changed-spec", [TestSweeps.Tiny(2), TestSweeps.Tiny(3)]);
        var status = await TestSweeps.WaitUntilFinished(Grains, "changed-spec", TimeSpan.FromMinutes(2));

        var kept = TestSweeps.Spec(TestSweeps.Tiny(2)).Hash;
        var added = TestSweeps.Spec(TestSweeps.Tiny(3)).Hash;
        var runs = await TestSweeps.Runs(Grains, "changed-spec");
        Assert.Equal([kept, added], runs.Select(r => r.Hash));
        Assert.Equal(2, status.Total);
        Assert.Equal(1, runs.Single(r => r.Hash == kept).Attempts); // finished before: not rerun
        var rows = await TestSweeps.Rows(Grains, "changed-spec");
        Assert.Equal([kept, added], rows.Select(r => r.Spec.Hash));
        var cells = await Client.Sweeps.SweepReader.CellsAsync(Grains, status);
        Assert.DoesNotContain(TestSweeps.Spec(TestSweeps.Tiny(1)).Hash, cells.Cells.SelectMany(c => c.Runs).Select(r => r.Hash));
    }
}
