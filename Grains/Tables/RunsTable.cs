using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// runs.csv: one row per run, runs in table order (cell key ordinal, then seed, then run hash). Columns:
/// sweep_id, run_hash, cell, baseline, factor.&lt;name&gt;… (first-seen order over the sorted runs; "-" where a run
/// lacks the factor), config.&lt;dotted.path&gt;… (the config JSON's field order, first-seen over the sorted runs; seed
/// and is_baseline have their own columns), seed, status, failure_reason, epochs_run, switch_epoch, best_epoch,
/// validation_accuracy, test_accuracy, validation_loss, test_loss, final_train_loss, wall_seconds, silo, attempts,
/// resumed_from_epoch, share.L&lt;layer&gt;.&lt;function&gt;… (see <see cref="ShareLayout"/>).
/// </summary>
public static class RunsTable
{
    public const string FileName = "runs.csv";

    public static readonly IReadOnlyList<string> OutcomeColumns =
    [
        "seed", "status", "failure_reason", "epochs_run", "switch_epoch", "best_epoch", "validation_accuracy",
        "test_accuracy", "validation_loss", "test_loss", "final_train_loss", "wall_seconds", "silo", "attempts",
        "resumed_from_epoch",
    ];

    public static SweepTable Build(IReadOnlyList<RunRecord> runs) => Build(new SweepRuns(runs));

    internal static SweepTable Build(SweepRuns sweep)
    {
        var factors = SweepRuns.FactorNames(sweep.Runs, withoutSeed: false);
        var configKeys = new List<string>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in sweep.Runs)
            foreach (var (key, _) in run.Config)
                if (seenKeys.Add(key)) configKeys.Add(key);

        var header = new List<string> { "sweep_id", "run_hash", "cell", "baseline" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.AddRange(configKeys.Select(k => "config." + k));
        header.AddRange(OutcomeColumns);
        header.AddRange(sweep.Shares.Header);

        var rows = new List<IReadOnlyList<object?>>(sweep.Runs.Count);
        foreach (var run in sweep.Runs)
        {
            var r = run.Record;
            var row = new List<object?>(header.Count) { r.SweepId, r.Spec.Hash, r.Spec.CellKey, r.Spec.IsBaseline };
            row.AddRange(factors.Select(f => run.FactorValue(f) ?? "-"));
            var config = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in run.Config) config.TryAdd(key, value);
            row.AddRange(configKeys.Select(k => config.GetValueOrDefault(k)));
            row.AddRange(
            [
                run.Seed, StatusName(r.Status), r.FailureReason, r.EpochsRun, r.SwitchEpoch, r.BestEpoch, r.ValidationAccuracy,
                r.TestAccuracy, r.ValidationLoss, r.TestLoss, r.FinalTrainLoss, r.WallSeconds, r.Silo, r.Attempts,
                r.ResumedFromEpoch,
            ]);
            row.AddRange(sweep.Shares.Values(r.Selection));
            rows.Add(row);
        }
        return new SweepTable(header, rows);
    }

    /// <summary>queued, running, done, failed, cancelled.</summary>
    public static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();
}
