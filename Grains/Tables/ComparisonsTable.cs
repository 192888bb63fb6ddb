namespace SmartMixed.Grains.Tables;

/// <summary>
/// comparisons.csv: one row per SmartMixed cell and baseline cell of the same setting (cells in plan order, then
/// baselines in plan order), on test accuracy, SmartMixed − baseline (see <see cref="CellComparison"/>). Columns:
/// cell, factor.&lt;name&gt;… (the SmartMixed cell's), baseline (label), baseline_cell, chosen (true for the baseline
/// accuracy.csv compares with), chosen_by, n_smartmixed, n_baseline (Done runs with a test accuracy),
/// n_failed_smartmixed, n_failed_baseline (failed runs, left out), n_pairs (0 unless paired), method (paired, welch,
/// single, none), smartmixed_test_mean, baseline_test_mean, diff_test_mean, diff_ci95_low, diff_ci95_high, t, df,
/// p (two-sided, paired or Welch t), p_holm (Holm over every row of this table with a p), cohens_dz (paired),
/// cohens_d (Welch, pooled sd), wilcoxon_p (paired with n ≥ 6: exact signed-rank p, normal approximation with zeros or
/// ties), wilcoxon_method, verdict (better / worse at α = 0.05 after Holm, no evidence, not tested), note.
/// </summary>
public static class ComparisonsTable
{
    public const string FileName = "comparisons.csv";

    public static readonly IReadOnlyList<string> StatisticColumns =
    [
        "baseline", "baseline_cell", "chosen", "chosen_by", "n_smartmixed", "n_baseline", "n_failed_smartmixed", "n_failed_baseline", "n_pairs", "method",
        "smartmixed_test_mean", "baseline_test_mean", "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "t", "df", "p", "p_holm",
        "cohens_dz", "cohens_d", "wilcoxon_p", "wilcoxon_method", "verdict", "note",
    ];

    public static SweepTable Build(SweepAnalysis analysis)
    {
        var factors = AccuracyTable.FactorNames(analysis.Book.Cells.Where(c => !c.IsBaseline));
        var header = new List<string> { "cell" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.AddRange(StatisticColumns);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var c in analysis.Comparisons)
        {
            var row = new List<object?>(header.Count) { c.Cell.Key };
            row.AddRange(factors.Select(f => c.Cell.Factor(f) ?? "-"));
            row.AddRange(
            [
                c.Baseline.Baseline, c.Baseline.Key, c.Chosen, c.Chosen ? analysis.ChoiceFor(c.Cell).ChosenBy : null, c.NCell, c.NBaseline,
                c.Cell.Failed, c.Baseline.Failed, c.NPairs, c.Method,
                c.CellMean, c.BaselineMean, c.Difference, c.CiLow, c.CiHigh, c.T, c.DegreesOfFreedom, c.P, c.PHolm,
                c.CohensDz, c.CohensD, c.WilcoxonP, c.WilcoxonMethod, c.Verdict, c.Note,
            ]);
            rows.Add(row);
        }
        return new SweepTable(header, rows);
    }
}
