using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// curves.csv: one row per run and epoch (runs in table order, epochs ascending, every status). Columns:
/// sweep_id, run_hash, cell, seed, epoch, phase, temperature, train_loss, validation_loss, validation_accuracy,
/// flip_rate, wall_seconds, then the share.L&lt;layer&gt;.&lt;function&gt; columns of runs.csv (the epoch's selection).
/// </summary>
public static class CurvesTable
{
    public const string FileName = "curves.csv";

    public static readonly IReadOnlyList<string> FixedColumns =
    [
        "sweep_id", "run_hash", "cell", "seed", "epoch", "phase", "temperature", "train_loss", "validation_loss",
        "validation_accuracy", "flip_rate", "wall_seconds",
    ];

    public static SweepTable Build(IReadOnlyList<RunRecord> runs) => Build(new SweepRuns(runs));

    internal static SweepTable Build(SweepRuns sweep)
    {
        var header = FixedColumns.Concat(sweep.Shares.Header).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var run in sweep.Runs)
        {
            var r = run.Record;
            foreach (var p in (r.Curve ?? []).OrderBy(p => p.Epoch).ThenBy(p => p.Phase))
            {
                var row = new List<object?>(header.Count)
                {
                    r.SweepId, r.Spec.Hash, r.Spec.CellKey, run.Seed, p.Epoch, p.Phase, p.Temperature, p.TrainLoss,
                    p.ValidationLoss, p.ValidationAccuracy, p.FlipRate, p.WallSeconds,
                };
                row.AddRange(sweep.Shares.Values(p.Selection));
                rows.Add(row);
            }
        }
        return new SweepTable(header, rows);
    }
}
