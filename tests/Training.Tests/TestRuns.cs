using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests;

/// <summary>Small, fast runs on the generated synthetic data set, shared by the trainer tests.</summary>
public static class TestRuns
{
    private static readonly Lazy<DatasetSplit> Synthetic = new(() =>
        DatasetCatalog.Load(new DataSpec("synthetic"), DataDirectories.FromEnvironment()));

    public static TrainingData SyntheticData() => new(Synthetic.Value);

    public static RunConfig Small(int epochs = 4, int switchEpoch = 2, int seed = 7) => new()
    {
        Data = new DataSpec("synthetic"),
        Hidden = [24, 16],
        Epochs = epochs,
        Seed = seed,
        Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: switchEpoch),
        Optimizer = new OptimizerSpec(LearningRate: 0.01, BatchSize: 64),
    };

    /// <summary>Per-epoch numbers of a run, without wall times (which differ run to run).</summary>
    public static string Numbers(IEnumerable<SmartMixed.Training.Metrics.EpochReport> history) =>
        string.Join("\n", history.Select(e =>
            $"{e.Epoch} {e.Phase} {e.Temperature:R} {e.TrainLoss:R} {e.ValidationLoss:R} {e.ValidationAccuracy:R} {e.FlipRate:R} " +
            string.Join("|", e.Selection.Select(l => string.Join(",", l.Counts)))));

    public static (string Numbers, SmartMixed.Training.Metrics.RunResult Result) RunToEnd(RunConfig config, TrainingData data)
    {
        using var session = TrainingSession.Start(config, data);
        while (!session.IsFinished) session.RunEpoch();
        return (Numbers(session.History), session.Result());
    }
}
