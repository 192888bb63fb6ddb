using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// effects.csv: what each factor of the SmartMixed grid does to test accuracy (see <see cref="MainEffects"/>), one
/// row per estimate, told apart by <c>kind</c>:
/// <list type="bullet">
/// <item><c>main</c>: factor, level; n (seeds, or runs when not blocked), mean, ci95_low, ci95_high, blocked (true:
/// the interval is over per-seed means, seeds as blocks), note.</item>
/// <item><c>interaction</c>: factor, level, factor_b, level_b and the same estimate columns: the two-way table of every
/// pair of factors.</item>
/// <item><c>anova</c>: source (block, a factor, A:B, higher-order, residual, total), sum_sq, df, mean_sq, f, p; only
/// when the design is balanced over the seeds used (incomplete seeds are left out and named in the note).</item>
/// <item><c>note</c>: why something is missing (no varying factor, no finished run, unbalanced design).</item>
/// </list>
/// Columns: kind, factor, level, factor_b, level_b, n, mean, ci95_low, ci95_high, blocked, source, sum_sq, df, mean_sq,
/// f, p, note.
/// </summary>
public static class EffectsTable
{
    public const string FileName = "effects.csv";

    public static readonly IReadOnlyList<string> Header =
        ["kind", "factor", "level", "factor_b", "level_b", "n", "mean", "ci95_low", "ci95_high", "blocked", "source", "sum_sq", "df", "mean_sq", "f", "p", "note"];

    public static SweepTable Build(MainEffects effects)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var m in effects.MarginalMeans)
            rows.Add(Estimate("main", m.Factor, m.Level, null, null, m.Interval, effects.Blocked));
        foreach (var table in effects.Interactions)
            foreach (var cell in table.Cells)
                rows.Add(Estimate("interaction", table.FactorA, cell.LevelA, table.FactorB, cell.LevelB, cell.Interval, effects.Blocked));
        if (effects.Anova is { } anova)
            foreach (var r in anova.Rows)
                rows.Add(["anova", null, null, null, null, null, null, null, null, effects.Blocked, r.Source, r.SumOfSquares, r.DegreesOfFreedom, r.MeanSquare, r.F, r.P, null]);
        if (effects.Note is { } note)
            rows.Add(["note", null, null, null, null, null, null, null, null, effects.Blocked, null, null, null, null, null, null, note]);
        return new SweepTable(Header, rows);
    }

    private static IReadOnlyList<object?> Estimate(string kind, string factor, string level, string? factorB, string? levelB, MeanInterval m, bool blocked) =>
        [kind, factor, level, factorB, levelB, m.N, m.Mean, m.CiLow, m.CiHigh, blocked, null, null, null, null, null, null, null];
}
