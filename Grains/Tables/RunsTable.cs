using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// runs.csv: one row per planned run, in plan order. Columns: sweep_id, run_hash, cell, baseline (the baseline's label,
/// empty for a SmartMixed run), factor.&lt;name&gt;… ("-" where a run lacks the factor), config.&lt;dotted.path&gt;… (the
/// config JSON's fields; seed has its own column), then <see cref="OutcomeColumns"/> (the budget among them: phase1_steps,
/// phase2_steps and their sum steps when the trainer reports them, phase1_epochs = switch epoch and phase2_epochs = the
/// epochs after it, see <see cref="RunBudget"/>; a baseline's budget is epochs_run), then the final selection as
/// share.L&lt;layer&gt;.&lt;function&gt;… (see <see cref="TableLayout"/>). A run that has not ended has its status and
/// epoch and empty results.
/// </summary>
public static class RunsTable
{
    public const string FileName = "runs.csv";

    public static readonly IReadOnlyList<string> OutcomeColumns =
    [
        "seed", "status", "failure_reason", "epochs_run", "switch_epoch", "best_epoch", "validation_accuracy",
        "test_accuracy", "validation_loss", "test_loss", "final_train_loss", "wall_seconds", "silo", "attempts",
        "resumed_from_epoch", "phase1_steps", "phase2_steps", "steps", "phase1_epochs", "phase2_epochs",
    ];

    public static IReadOnlyList<string> Header(TableLayout layout) =>
        new[] { "sweep_id", "run_hash", "cell", "baseline" }
            .Concat(layout.Factors.Select(f => "factor." + f))
            .Concat(layout.ConfigKeys.Select(k => "config." + k))
            .Concat(OutcomeColumns)
            .Concat(layout.ShareHeader)
            .ToList();

    public static IReadOnlyList<object?> Row(TableLayout layout, RunRow run, ConfigColumns config)
    {
        var spec = run.Spec;
        var row = new List<object?> { layout.SweepId, spec.Hash, spec.CellKey, spec.Baseline };
        row.AddRange(layout.Factors.Select(f => FactorValue(spec, f) ?? "-"));
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in config.Settings) settings.TryAdd(key, value);
        row.AddRange(layout.ConfigKeys.Select(k => settings.GetValueOrDefault(k)));

        var o = run.Record?.Outcome;
        var budget = o is null ? null : RunBudget.Of(o);
        var view = run.View;
        row.AddRange(
        [
            // The shard is the authority on where a run stands (a paused run's record is the one it wrote at its rung).
            spec.Seed, StatusName(view.Status), view.FailureReason ?? o?.FailureReason, o?.EpochsRun ?? view.Epoch,
            o?.SwitchEpoch, o?.BestEpoch, o?.ValidationAccuracy, o?.TestAccuracy, o?.ValidationLoss, o?.TestLoss,
            o?.FinalTrainLoss, o?.WallSeconds, o?.Silo ?? view.Silo, view.Attempts, o?.ResumedFromEpoch, o?.Phase1Steps, o?.Phase2Steps,
            budget?.Steps, budget?.Phase1Epochs, budget?.Phase2Epochs,
        ]);
        row.AddRange(o is null
            ? layout.ShareValues([], null, 0)
            : layout.ShareValues(o.Functions, layer => o.Selection[layer - 1], o.Selection.Length));
        return row;
    }

    public static string? FactorValue(RunSpec spec, string name)
    {
        foreach (var f in spec.Factors)
            if (string.Equals(f.Name, name, StringComparison.Ordinal)) return f.Value;
        return null;
    }

    /// <summary>queued, running, done, failed, cancelled, waiting, paused.</summary>
    public static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();
}
