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

    /// <summary>Writes the run's rows straight into the file, field by field (no row objects: curves.csv is the big table).</summary>
    public static void Write(TableLayout layout, RunRow run, CsvStream file)
    {
        if (run.Record is not { } record) return;
        var curve = record.Curve;
        var functions = record.Outcome.Functions;
        int k = functions.Length;
        var columns = layout.ShareColumnsOf(functions);
        for (int i = 0; i < curve.Epochs; i++)
        {
            int epoch = i + 1;
            file.Field(layout.SweepId);
            file.Field(run.Spec.Hash);
            file.Field(run.Spec.CellKey);
            file.Field(run.Spec.Seed);
            file.Field(epoch);
            file.Field(curve.Phase[i]);
            file.Field(curve.Temperature[i]);
            file.Field(curve.TrainLoss[i]);
            file.Field(curve.ValidationLoss[i]);
            file.Field(curve.ValidationAccuracy[i]);
            file.Field(curve.FlipRate[i]);
            file.Field(curve.WallSeconds[i]);
            for (int layer = 1; layer <= layout.Layers; layer++) file.Field(curve.FlipRateOf(epoch, layer));
            foreach (var (layer, index) in columns)
            {
                if (index < 0 || layer > curve.Layers)
                {
                    file.Field((double?)null);
                    continue;
                }
                var counts = curve.Counts(epoch, layer, k);
                long total = 0;
                foreach (var c in counts) total += c;
                file.Field(total > 0 ? counts[index] / (double)total : null);
            }
            file.EndRow();
        }
    }
}
