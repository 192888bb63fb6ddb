using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// curves.csv: one row per run and epoch (runs in plan order, epochs ascending, every run with a record). Columns:
/// sweep_id, run_hash, cell, seed, epoch, phase, temperature, train_loss, validation_loss, validation_accuracy,
/// flip_rate, wall_seconds, then the epoch's selection as the share.L&lt;layer&gt;.&lt;function&gt; columns of runs.csv.
/// </summary>
public static class CurvesTable
{
    public const string FileName = "curves.csv";

    public static readonly IReadOnlyList<string> FixedColumns =
    [
        "sweep_id", "run_hash", "cell", "seed", "epoch", "phase", "temperature", "train_loss", "validation_loss",
        "validation_accuracy", "flip_rate", "wall_seconds",
    ];

    public static IReadOnlyList<string> Header(TableLayout layout) => FixedColumns.Concat(layout.ShareHeader).ToList();

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
            row.AddRange(layout.ShareValues(functions, layer => curve.Counts(epoch, layer, k), curve.Layers));
            yield return row;
        }
    }
}
