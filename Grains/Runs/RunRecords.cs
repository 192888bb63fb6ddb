using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Grains.Runs;

/// <summary>Turns the training core's reports into the records a sweep stores and tabulates.</summary>
public static class RunRecords
{
    public static LayerCounts[] Counts(IEnumerable<LayerSelection> selection) =>
        selection.Select(l => new LayerCounts(l.Layer, l.Functions.ToArray(), l.Counts.ToArray())).ToArray();

    public static EpochPoint[] Curve(IEnumerable<EpochReport> history) =>
        history.Select(e => new EpochPoint(e.Epoch, e.Phase, e.Temperature, e.TrainLoss, e.ValidationLoss,
            e.ValidationAccuracy, e.FlipRate, Counts(e.Selection), e.WallSeconds)).ToArray();

    public static RunRecord Done(string sweepId, RunSpec spec, RunResult result, IReadOnlyList<EpochReport> history,
        string silo, int attempts, int? resumedFrom) =>
        new(sweepId, spec, RunStatus.Done, null, result.EpochsRun, result.SwitchEpoch, result.BestEpoch,
            result.ValidationAccuracy, result.TestAccuracy, result.ValidationLoss, result.TestLoss, result.FinalTrainLoss,
            result.WallSeconds, silo, Counts(result.Selection), Curve(history), attempts, resumedFrom);

    /// <summary>A run that ended without a result: failed with a reason, or cancelled. Keeps the epochs it finished.</summary>
    public static RunRecord Ended(string sweepId, RunSpec spec, RunStatus status, string? reason,
        IReadOnlyList<EpochReport> history, string? silo, int attempts, int? resumedFrom) =>
        new(sweepId, spec, status, reason, history.Count, null, null, null, null, null, null,
            history.Count > 0 ? history[^1].TrainLoss : null, history.Sum(e => e.WallSeconds), silo,
            history.Count > 0 ? Counts(history[^1].Selection) : [], Curve(history), attempts, resumedFrom);
}
