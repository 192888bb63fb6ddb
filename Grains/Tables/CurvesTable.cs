using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// curves.csv: one row per run and epoch (runs in plan order, epochs ascending, every run with a record). Columns:
/// sweep_id, run_hash, cell, seed, epoch, phase, temperature, train_loss, validation_loss, validation_accuracy,
/// flip_rate (pooled over every hidden neuron, so the widest layer dominates it), wall_seconds, flip_rate.L&lt;layer&gt;…
/// (each hidden layer's own flip rate: the share of its neurons whose choice changed that epoch; empty outside the
/// selection phase), then the epoch's selection as the share.L&lt;layer&gt;.&lt;function&gt; columns of runs.csv.
/// </summary>
public static class CurvesTable
{
    public const string FileName = "curves.csv";

    public static readonly IReadOnlyList<string> FixedColumns =
    [
        "sweep_id", "run_hash", "cell", "seed", "epoch", "phase", "temperature", "train_loss", "validation_loss",
        "validation_accuracy", "flip_rate", "wall_seconds",
    ];

    public static IReadOnlyList<string> Header(TableLayout layout) =>
        FixedColumns.Concat(Enumerable.Range(1, layout.Layers).Select(l => $"flip_rate.L{l}")).Concat(layout.ShareHeader).ToList();

    public static IEnumerable<IReadOnlyList<object?>> Rows(TableLayout layout, RunRow run)
    {
        if (run.Record is not { } record) yield break;
        var curve = record.Curve;
        var functions = record.Outcome.Functions;
        int k = functions.Length;
        for (int i = 0; i < curve.Epochs; i++)
        {
            int epoch = i + 1;
            var row = new List<object?>(FixedColumns.Count + layout.Shares.Count)
            {
                layout.SweepId, run.Spec.Hash, run.Spec.CellKey, run.Spec.Seed, epoch, (int)curve.Phase[i], curve.Temperature[i],
                curve.TrainLoss[i], curve.ValidationLoss[i], curve.ValidationAccuracy[i], curve.FlipRate[i], curve.WallSeconds[i],
            };
            for (int layer = 1; layer <= layout.Layers; layer++) row.Add(curve.FlipRateOf(epoch, layer));
            row.AddRange(layout.ShareValues(functions, layer => curve.Counts(epoch, layer, k), curve.Layers));
            yield return row;
        }
    }
}
