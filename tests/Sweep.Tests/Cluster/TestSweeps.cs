using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;

namespace SmartMixed.Sweep.Tests.Cluster;

/// <summary>Tiny runs on the generated synthetic data, as run specs a sweep can take directly.</summary>
public static class TestSweeps
{
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
        var hash = RunConfigHash.Of(config);
        var cell = RunConfigHash.Of(config with { Seed = 0 });
        FactorValue[] factors = [new("temperature", config.Temperature.Start.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("seed", config.Seed.ToString())];
        return new RunSpec(hash, RunConfigJson.Serialize(config), cell, config.IsBaseline, factors);
    }

    public static SweepSubmission Submission(IEnumerable<RunConfig> configs) =>
        new("test sweep", configs.Select(Spec).ToArray(), "(built in a test)");

    public static async Task<SweepStatus> WaitUntilFinished(ISweepGrain sweep, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await sweep.GetStatus();
            if (status.IsFinished) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sweep {status.SweepId} still {status.State} after {timeout}: " +
                    string.Join(", ", status.Runs.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}")));
            await Task.Delay(200);
        }
    }
}
