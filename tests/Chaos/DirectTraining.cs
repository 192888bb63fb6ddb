using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Chaos;

/// <summary>
/// Trains a run of the sweep again here, from its first epoch without interruption, and compares its numbers with the
/// sweep's record of it exactly: the test accuracy, and the validation loss of every epoch.
/// </summary>
public static class DirectTraining
{
    public static IReadOnlyList<string> Compare(RunRow row, out string summary)
    {
        TorchThreads.Ensure(1);
        var config = RunConfigJson.Deserialize(row.Spec.ConfigJson);
        using var data = new TrainingData(DatasetCatalog.Load(config.Data));
        using var session = TrainingSession.Start(config, data);
        while (!session.IsFinished) session.RunEpoch();
        var result = session.Result();
        var record = row.Record!;
        var problems = new List<string>();
        if (result.TestAccuracy != record.Outcome.TestAccuracy)
            problems.Add($"run {row.Spec.Hash}: test accuracy {record.Outcome.TestAccuracy:R} in the sweep, {result.TestAccuracy:R} trained directly");
        for (int e = 0; e < Math.Max(session.History.Count, record.Curve.Epochs); e++)
        {
            double? direct = e < session.History.Count ? session.History[e].ValidationLoss : null;
            double? swept = e < record.Curve.Epochs ? record.Curve.ValidationLoss[e] : null;
            if (direct != swept) problems.Add($"run {row.Spec.Hash}: epoch {e + 1} validation loss {swept:R} in the sweep, {direct:R} trained directly");
        }
        var resumed = record.Outcome.ResumedFromEpoch is { } r ? $"resumed from epoch {r}" : "not resumed";
        summary = $"run {row.Spec.Hash} (attempt {record.Outcome.Attempts}, {resumed}, on {record.Outcome.Silo}): test accuracy {result.TestAccuracy:R}, " +
                  $"{session.History.Count} validation losses {(problems.Count == 0 ? "equal" : "DIFFER")}";
        return problems;
    }
}
