using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// accuracy.csv: one row per cell (plan order; baselines are their own cells) over its Done runs. Columns:
/// cell, baseline (label, empty for SmartMixed), factor.&lt;name&gt;… (without seed; first-seen order), n (Done runs),
/// n_failed (Failed runs), stopped_at_epoch, rung_metric, rung_mean (<see cref="StoppedColumns"/>), test_accuracy_{mean,std,ci95_low,ci95_high,min,max}, validation_accuracy_{…same…}, then the
/// budget (<see cref="BudgetColumns"/>, means over the Done runs: epochs_mean, phase1_epochs_mean, phase2_epochs_mean,
/// phase1_steps_mean, phase2_steps_mean, steps_mean, phase2_weights, wall_seconds_mean, wall_seconds_total), then the
/// comparison with the chosen baseline (<see cref="DiffColumns"/>): compared_baseline, baseline_chosen_by,
/// baseline_epochs_mean, baseline_steps_mean, baseline_wall_seconds_mean, diff_test_mean, diff_ci95_low, diff_ci95_high,
/// diff_method, diff_p, diff_p_holm, verdict.
/// <para>
/// std is the sample std (n − 1); the interval is mean ± t(0.975, n − 1)·std/√n; both empty when n &lt; 2. Metrics
/// that a Done run lacks (null) are left out of that metric's statistics.
/// </para>
/// <para>
/// The compared baseline (SmartMixed cells only) is chosen without test data (<see cref="BaselineChoice"/>: declared by
/// the spec's compare_to, else the best on validation accuracy), and baseline_chosen_by says how. The diff columns are
/// that pair's row of comparisons.csv (<see cref="CellComparison"/>): paired by seed or Welch, the p-value, its Holm
/// adjustment over the whole family of comparisons, and the verdict at α = 0.05.
/// </para>
/// </summary>
public static class AccuracyTable
{
    public const string FileName = "accuracy.csv";

    private static readonly string[] SummaryParts = ["mean", "std", "ci95_low", "ci95_high", "min", "max"];

    public static readonly IReadOnlyList<string> BudgetColumns =
        ["epochs_mean", "phase1_epochs_mean", "phase2_epochs_mean", "phase1_steps_mean", "phase2_steps_mean", "steps_mean", "phase2_weights", "wall_seconds_mean", "wall_seconds_total"];

    public static readonly IReadOnlyList<string> DiffColumns =
    [
        "compared_baseline", "baseline_chosen_by", "baseline_epochs_mean", "baseline_steps_mean", "baseline_wall_seconds_mean",
        "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "diff_method", "diff_p", "diff_p_holm", "verdict",
    ];

    /// <summary>
    /// Early stopping: the epoch (rung) at which the cell was stopped, the metric the rung compared, and the cell's mean
    /// of it over the stopped runs. Empty for a cell that ran its budget; a stopped cell has no test statistics.
    /// </summary>
    public static readonly IReadOnlyList<string> StoppedColumns = ["stopped_at_epoch", "rung_metric", "rung_mean"];

    private static string RungMetric(CellData cell) =>
        cell.Runs.Any(r => r.Status == RunStatus.Paused && r.ValidationLoss is not null) ? EarlyStopping.ValidationLoss : EarlyStopping.ValidationAccuracy;

    public static SweepTable Build(SweepAnalysis analysis)
    {
        var book = analysis.Book;
        var factors = FactorNames(book.Cells);
        var header = new List<string> { "cell", "baseline" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.Add("n");
        header.Add("n_failed");
        header.AddRange(StoppedColumns);
        header.AddRange(SummaryParts.Select(p => "test_accuracy_" + p));
        header.AddRange(SummaryParts.Select(p => "validation_accuracy_" + p));
        header.AddRange(BudgetColumns);
        header.AddRange(DiffColumns);

        var rows = new List<IReadOnlyList<object?>>(book.Cells.Count);
        foreach (var cell in book.Cells)
        {
            var row = new List<object?>(header.Count) { cell.Key, cell.Baseline };
            row.AddRange(factors.Select(f => cell.Factor(f) ?? "-"));
            row.Add(cell.Done.Count());
            row.Add(cell.Failed);
            row.AddRange([cell.StoppedAt, cell.IsStopped ? RungMetric(cell) : null, cell.RungMean]);
            AddSummary(row, SweepStatistics.Summarize(cell.Done.Where(r => r.TestAccuracy.HasValue).Select(r => r.TestAccuracy!.Value).ToList()));
            AddSummary(row, SweepStatistics.Summarize(cell.Done.Where(r => r.ValidationAccuracy.HasValue).Select(r => r.ValidationAccuracy!.Value).ToList()));
            var budgets = Budgets(cell);
            row.AddRange(
            [
                Mean(budgets.Select(b => (double?)b.Epochs)), Mean(budgets.Select(b => (double?)b.Phase1Epochs)), Mean(budgets.Select(b => (double?)b.Phase2Epochs)),
                Mean(budgets.Select(b => (double?)b.Phase1Steps)), Mean(budgets.Select(b => (double?)b.Phase2Steps)), Mean(budgets.Select(b => (double?)b.Steps)),
                cell.PhaseTwoWeights,
                Mean(budgets.Select(b => (double?)b.WallSeconds)), budgets.Count == 0 ? null : budgets.Sum(b => b.WallSeconds),
            ]);
            AddDiff(row, cell, analysis);
            rows.Add(row);
        }
        return new SweepTable(header, rows);
    }

    /// <summary>Factor names of the cells (no seed), in first-seen order.</summary>
    public static IReadOnlyList<string> FactorNames(IEnumerable<CellData> cells)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
            foreach (var f in cell.Factors)
                if (seen.Add(f.Name)) names.Add(f.Name);
        return names;
    }

    private static List<RunBudget> Budgets(CellData cell) => cell.Done.Select(RunBudget.Of).ToList();

    /// <summary>The mean of the values present; null when none is.</summary>
    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static void AddSummary(List<object?> row, SampleSummary s) =>
        row.AddRange([s.Mean, s.Std, s.Ci95Low, s.Ci95High, s.Min, s.Max]);

    private static void AddDiff(List<object?> row, CellData cell, SweepAnalysis analysis)
    {
        var choice = analysis.ChoiceFor(cell);
        if (choice.Baseline is not { } baseline)
        {
            row.AddRange(DiffColumns.Select(_ => (object?)null));
            return;
        }
        var budgets = Budgets(baseline);
        var c = analysis.ChosenComparison(cell);
        row.AddRange(
        [
            baseline.Baseline, choice.ChosenBy, Mean(budgets.Select(b => (double?)b.Epochs)), Mean(budgets.Select(b => (double?)b.Steps)),
            Mean(budgets.Select(b => (double?)b.WallSeconds)),
            c?.Difference, c?.CiLow, c?.CiHigh, c?.Method, c?.P, c?.PHolm, c?.Verdict,
        ]);
    }
}
