using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;

namespace SmartMixed.Sweep.Tests.Cluster;

/// <summary>Tiny runs on the generated synthetic data, submitted and read back the way the client does it.</summary>
public static class TestSweeps
{
    /// <summary>Checkpoints after every epoch: the kill tests resume from the epoch before the kill.</summary>
    public static SweepSettings EveryEpoch { get; } = new(CheckpointSeconds: 0);

    public static RunConfig Tiny(int seed, int epochs = 2, double temperature = 0.5, string? fixedActivation = null) => new()
    {
        Data = new DataSpec("synthetic"),
        Hidden = [16],
        Epochs = epochs,
        Seed = seed,
        Fixed = fixedActivation,
        Temperature = new TemperatureSpec(Start: temperature, Floor: temperature),
        Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 1),
        Optimizer = new OptimizerSpec(LearningRate: 0.01, BatchSize: 256),
    };

    public static RunSpec Spec(RunConfig config)
    {
        FactorValue[] factors = [new("temperature", config.Temperature.Start.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("seed", config.Seed.ToString())];
        return RunSpecs.For(config, factors);
    }

    public static Task<SweepStatus> Submit(IGrainFactory grains, string sweepId, IEnumerable<RunConfig> configs, SweepSettings? settings = null) =>
        SweepSubmitter.SubmitAsync(grains, sweepId, new SweepSubmission("test sweep", "(built in a test)", settings ?? EveryEpoch), configs.Select(Spec));

    public static async Task<IReadOnlyList<RunView>> Runs(IGrainFactory grains, string sweepId)
    {
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        var runs = new List<RunView>();
        await foreach (var run in SweepReader.RunsAsync(grains, status)) runs.Add(run);
        return runs;
    }

    public static async Task<IReadOnlyList<RunRow>> Rows(IGrainFactory grains, string sweepId)
    {
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        var rows = new List<RunRow>();
        await foreach (var row in SweepReader.RowsAsync(grains, status)) rows.Add(row);
        return rows;
    }

    public static async Task<SweepStatus> WaitUntilFinished(IGrainFactory grains, string sweepId, TimeSpan timeout)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await sweep.GetStatus();
            if (status.IsFinished) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sweep {status.SweepId} still {status.State} after {timeout}: {status.Counts}");
            await Task.Delay(200);
        }
    }

    public static async Task<RunView> WaitForRun(IGrainFactory grains, string sweepId, Func<RunView, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await Runs(grains, sweepId);
            if (runs.FirstOrDefault(condition) is { } run) return run;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no run got there: " + string.Join("; ", runs.Select(r => $"{r.Hash} {r.Status} epoch {r.Epoch} on {r.Silo} ({r.FailureReason})")));
            await Task.Delay(100);
        }
    }
}
