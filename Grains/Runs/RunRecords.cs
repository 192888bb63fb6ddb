using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Grains.Runs;

/// <summary>Turns the training core's reports into the compact records a sweep stores and tabulates.</summary>
public static class RunRecords
{
    /// <summary>The functions of a run's selections (its pool, or its fixed activation), from its reports.</summary>
    public static string[] Functions(IReadOnlyList<LayerSelection> selection) =>
        selection.Count > 0 ? selection[0].Functions.ToArray() : [];

    public static int[][] Counts(IReadOnlyList<LayerSelection> selection, IReadOnlyList<string> functions)
    {
        var counts = new int[selection.Count][];
        for (int l = 0; l < selection.Count; l++)
        {
            if (!selection[l].Functions.SequenceEqual(functions))
                throw new InvalidOperationException($"layer {selection[l].Layer} lists other functions than the run's ({string.Join(",", functions)})");
            counts[l] = selection[l].Counts.ToArray();
        }
        return counts;
    }

    /// <summary>The history as one array per column; selections flattened epoch by epoch, layer by layer.</summary>
    public static RunCurve Curve(IReadOnlyList<EpochReport> history, IReadOnlyList<string> functions)
    {
        int n = history.Count;
        if (n == 0) return RunCurve.Empty;
        int layers = history[0].Selection.Count, k = functions.Count;
        var phase = new byte[n];
        var temperature = new double?[n];
        var trainLoss = new double[n];
        var validationLoss = new double[n];
        var validationAccuracy = new double[n];
        var flipRate = new double?[n];
        var wall = new double[n];
        var selection = new int[n * layers * k];
        var layerFlipRate = new double?[n * layers];
        for (int i = 0; i < n; i++)
        {
            var e = history[i];
            if (e.Epoch != i + 1) throw new InvalidOperationException($"the history's entry {i} is epoch {e.Epoch}, not {i + 1}");
            phase[i] = (byte)e.Phase;
            temperature[i] = e.Temperature;
            trainLoss[i] = e.TrainLoss;
            validationLoss[i] = e.ValidationLoss;
            validationAccuracy[i] = e.ValidationAccuracy;
            flipRate[i] = e.FlipRate;
            wall[i] = e.WallSeconds;
            var counts = Counts(e.Selection, functions);
            if (counts.Length != layers) throw new InvalidOperationException($"epoch {e.Epoch} has {counts.Length} layers, not {layers}");
            for (int l = 0; l < layers; l++) counts[l].CopyTo(selection, (i * layers + l) * k);
            if (e.LayerFlipRates is { } rates)
                for (int l = 0; l < layers && l < rates.Count; l++) layerFlipRate[i * layers + l] = rates[l];
        }
        return new RunCurve(phase, temperature, trainLoss, validationLoss, validationAccuracy, flipRate, wall, layers, selection, layerFlipRate);
    }

    public static RunRecord Done(string sweepId, RunSpec spec, RunResult result, IReadOnlyList<EpochReport> history,
        string silo, int attempts, int? resumedFrom)
    {
        var functions = Functions(result.Selection);
        var outcome = new RunOutcome(spec.Hash, spec.Seed, RunStatus.Done, null, result.EpochsRun, result.SwitchEpoch, result.BestEpoch,
            result.ValidationAccuracy, result.TestAccuracy, result.ValidationLoss, result.TestLoss, result.FinalTrainLoss,
            result.WallSeconds, silo, attempts, resumedFrom, functions, Counts(result.Selection, functions), result.Phase1Steps, result.Phase2Steps);
        return new RunRecord(sweepId, outcome, Curve(history, functions));
    }

    /// <summary>
    /// A run that reached a rung of early stopping: its curve so far, and its last epoch's value of the metric the rung
    /// compares, in that metric's field only (the other stays empty, so the tables can tell which metric it was).
    /// </summary>
    public static RunRecord AtRung(string sweepId, RunSpec spec, IReadOnlyList<EpochReport> history, string silo, int attempts, int? resumedFrom,
        EarlyStopping rungs)
    {
        var record = Ended(sweepId, spec, RunStatus.Waiting, null, history, silo, attempts, resumedFrom);
        var last = history[^1];
        return record with
        {
            Outcome = record.Outcome with
            {
                ValidationLoss = rungs.LowerIsBetter ? last.ValidationLoss : null,
                ValidationAccuracy = rungs.LowerIsBetter ? null : last.ValidationAccuracy,
            },
        };
    }

    /// <summary>A run that ended without a result: failed with a reason, or cancelled. Keeps the epochs it finished.</summary>
    public static RunRecord Ended(string sweepId, RunSpec spec, RunStatus status, string? reason,
        IReadOnlyList<EpochReport> history, string? silo, int attempts, int? resumedFrom)
    {
        if (history.Count == 0)
            return new RunRecord(sweepId, RunOutcome.Empty(spec.Hash, spec.Seed, status, reason, 0, silo, attempts) with { ResumedFromEpoch = resumedFrom }, RunCurve.Empty);
        var last = history[^1];
        var functions = Functions(last.Selection);
        var outcome = new RunOutcome(spec.Hash, spec.Seed, status, reason, history.Count, null, null, null, null, null, null,
            last.TrainLoss, history.Sum(e => e.WallSeconds), silo, attempts, resumedFrom, functions, Counts(last.Selection, functions));
        return new RunRecord(sweepId, outcome, Curve(history, functions));
    }
}
