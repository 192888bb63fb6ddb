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
        var sweep = Grains.GetGrain<ISweepGrain>("many-runs");
        await sweep.Submit(TestSweeps.Submission(configs));
        var status = await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(3));

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(12, status.Runs.Length);
        Assert.All(status.Runs, r => Assert.Equal(RunStatus.Done, r.Status));
        Assert.All(status.Runs, r => Assert.Equal(1, r.Attempts));

        var records = await Grains.GetGrain<ISweepAggregatorGrain>("many-runs").GetRecords();
        Assert.Equal(status.Runs.Select(r => r.Hash).Order(), records.Select(r => r.Spec.Hash).Order());
        Assert.All(records, r => Assert.Equal(2, r.EpochsRun));
        Assert.All(records, r => Assert.Equal(2, r.Curve.Length));

        // Runs were spread over both silos, and no silo ever ran more trainings than it has slots.
        Assert.Equal(2, records.Select(r => r.Silo).Distinct().Count());
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
        var sweep = Grains.GetGrain<ISweepGrain>("duplicates");
        var submitted = await sweep.Submit(TestSweeps.Submission(configs));
        Assert.Equal(2, submitted.Runs.Length);
        await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(2));

        var again = await sweep.Submit(TestSweeps.Submission(configs));
        Assert.Equal(SweepState.Completed, again.State);
        await Task.Delay(500); // a re-run would have been leased by now
        var status = await sweep.GetStatus();
        Assert.All(status.Runs, r => Assert.Equal(RunStatus.Done, r.Status));
        Assert.All(status.Runs, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, (await Grains.GetGrain<ISweepAggregatorGrain>("duplicates").GetRecords()).Length);
    }

    [Fact]
    public async Task Cancel_stops_running_runs_never_starts_queued_ones_and_leaves_a_consistent_state()
    {
        var configs = Enumerable.Range(1, 10).Select(seed => TestSweeps.Tiny(seed, epochs: 400)).ToList();
        var sweep = Grains.GetGrain<ISweepGrain>("cancelled");
        await sweep.Submit(TestSweeps.Submission(configs));
        await WaitFor(sweep, s => s.Runs.Any(r => r.Status == RunStatus.Running && r.Epoch >= 1), TimeSpan.FromMinutes(1));

        await sweep.Cancel();
        var status = await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(1));

        Assert.Equal(SweepState.Cancelled, status.State);
        Assert.DoesNotContain(status.Runs, r => r.Status is RunStatus.Queued or RunStatus.Running);
        Assert.Contains(status.Runs, r => r.Status == RunStatus.Cancelled && r.Epoch >= 1); // stopped mid-training
        Assert.Contains(status.Runs, r => r.Status == RunStatus.Cancelled && r.Attempts == 0); // never started
        var records = await Grains.GetGrain<ISweepAggregatorGrain>("cancelled").GetRecords();
        Assert.Equal(10, records.Length);
        Assert.All(records, r => Assert.Equal(RunStatus.Cancelled, r.Status));
        Assert.All(fixture.Cluster.Silos, s => Assert.True(SpinWait.SpinUntil(
            () => s.ServiceProvider.GetRequiredService<TrainingSlots>().Running == 0, TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Status_calls_are_answered_while_trainings_run()
    {
        var sweep = Grains.GetGrain<ISweepGrain>("status-while-training");
        var config = TestSweeps.Tiny(5, epochs: 300);
        await sweep.Submit(TestSweeps.Submission([config]));
        await WaitFor(sweep, s => s.Runs[0].Status == RunStatus.Running && s.Runs[0].Epoch >= 1, TimeSpan.FromMinutes(1));

        var run = Grains.GetGrain<ITrainingRunGrain>($"status-while-training/{TestSweeps.Spec(config).Hash}");
        for (int i = 0; i < 5; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var progress = await run.GetStatus();
            var sweepStatus = await sweep.GetStatus();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"status took {clock.Elapsed}");
            Assert.Equal(RunStatus.Running, progress!.Status);
            Assert.Equal(RunStatus.Running, sweepStatus.Runs[0].Status);
        }
        var before = (await run.GetStatus())!.Epoch;
        await WaitFor(sweep, s => s.Runs[0].Epoch > before, TimeSpan.FromSeconds(30)); // progress keeps coming
        await sweep.Cancel();
        await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(1));
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
        var sweep = Grains.GetGrain<ISweepGrain>("diverging");
        await sweep.Submit(TestSweeps.Submission([diverging, TestSweeps.Tiny(2)]));
        var status = await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(2));

        Assert.Equal(SweepState.Completed, status.State);
        var failed = status.Runs.Single(r => r.Status == RunStatus.Failed);
        Assert.Contains("diverged", failed.FailureReason);
        Assert.Equal(1, failed.Attempts); // never retried
        Assert.Single(status.Runs, r => r.Status == RunStatus.Done);
        var record = (await Grains.GetGrain<ISweepAggregatorGrain>("diverging").GetRecords()).Single(r => r.Status == RunStatus.Failed);
        Assert.Contains("diverged", record.FailureReason);
    }

    [Fact]
    public async Task A_changed_spec_keeps_finished_runs_retires_dropped_ones_and_tables_follow_the_new_plan()
    {
        var sweep = Grains.GetGrain<ISweepGrain>("changed-spec");
        await sweep.Submit(TestSweeps.Submission([TestSweeps.Tiny(1), TestSweeps.Tiny(2)]));
        await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(2));

        await sweep.Submit(TestSweeps.Submission([TestSweeps.Tiny(2), TestSweeps.Tiny(3)]));
        var status = await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(2));

        var kept = TestSweeps.Spec(TestSweeps.Tiny(2)).Hash;
        Assert.Equal([kept, TestSweeps.Spec(TestSweeps.Tiny(3)).Hash], status.Runs.Select(r => r.Hash));
        Assert.Equal(1, status.Runs.Single(r => r.Hash == kept).Attempts); // finished before: not rerun
        var tables = await Grains.GetGrain<ISweepAggregatorGrain>("changed-spec").GetTables();
        Assert.Equal(2, tables.RecordCount);
        Assert.DoesNotContain(TestSweeps.Spec(TestSweeps.Tiny(1)).Hash, tables.Runs);
    }

    private static async Task WaitFor(ISweepGrain sweep, Func<SweepStatus, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(await sweep.GetStatus()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(100);
        }
    }
}
