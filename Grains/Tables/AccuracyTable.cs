using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// accuracy.csv: one row per cell (plan order; baselines are their own cells) over its Done runs. Columns:
/// cell, baseline (label, empty for SmartMixed), factor.&lt;name&gt;… (without seed; first-seen order), n (Done runs), n_failed (Failed runs),
/// test_accuracy_{mean,std,ci95_low,ci95_high,min,max}, validation_accuracy_{…same…}, best_baseline,
/// diff_test_mean, diff_ci95_low, diff_ci95_high, diff_method.
/// <para>
/// std is the sample std (n − 1); the interval is mean ± t(0.975, n − 1)·std/√n; both empty when n &lt; 2. Metrics
/// that a Done run lacks (null) are left out of that metric's statistics.
/// </para>
/// <para>
/// The diff columns (SmartMixed cells only) compare with the best baseline of the same cell: baseline cells whose
/// setting key (the config without its selection-only fields, the baseline's own fields and the seed) equals the
/// cell's; best = highest mean test accuracy (ties: first in plan order). diff = SmartMixed − baseline test accuracy:
/// paired by seed when both have the same seeds and n ≥ 2, else Welch, else (n &lt; 2 on a side) the mean
/// difference alone (<c>single</c>).
/// </para>
/// </summary>
public static class AccuracyTable
{
    public const string FileName = "accuracy.csv";

    private static readonly string[] SummaryParts = ["mean", "std", "ci95_low", "ci95_high", "min", "max"];

    public static readonly IReadOnlyList<string> DiffColumns = ["best_baseline", "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "diff_method"];

    public static SweepTable Build(CellBook book)
    {
        var factors = FactorNames(book.Cells);
        var header = new List<string> { "cell", "baseline" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.Add("n");
        header.Add("n_failed");
        header.AddRange(SummaryParts.Select(p => "test_accuracy_" + p));
        header.AddRange(SummaryParts.Select(p => "validation_accuracy_" + p));
        header.AddRange(DiffColumns);

        var baselines = book.Cells.Where(c => c.IsBaseline).ToList();
        var rows = new List<IReadOnlyList<object?>>(book.Cells.Count);
        foreach (var cell in book.Cells)
        {
            var row = new List<object?>(header.Count) { cell.Key, cell.Baseline };
            row.AddRange(factors.Select(f => cell.Factor(f) ?? "-"));
            row.Add(cell.Done.Count());
            row.Add(cell.Failed);
            AddSummary(row, SweepStatistics.Summarize(TestValues(cell).Select(v => v.Value).ToList()));
            AddSummary(row, SweepStatistics.Summarize(cell.Done.Where(r => r.ValidationAccuracy.HasValue).Select(r => r.ValidationAccuracy!.Value).ToList()));
            AddDiff(row, cell, baselines);
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

    private static void AddSummary(List<object?> row, SampleSummary s) =>
        row.AddRange([s.Mean, s.Std, s.Ci95Low, s.Ci95High, s.Min, s.Max]);

    private static List<(int? Seed, double Value)> TestValues(CellData cell) =>
        cell.Done.Where(r => r.TestAccuracy.HasValue).Select(r => ((int?)r.Seed, r.TestAccuracy!.Value)).ToList();

    private static void AddDiff(List<object?> row, CellData cell, IReadOnlyList<CellData> baselines)
    {
        var best = cell.IsBaseline ? null : BestBaseline(cell, baselines);
        if (best is null)
        {
            row.AddRange([null, null, null, null, null]);
            return;
        }
        var mine = TestValues(cell);
        var theirs = TestValues(best);
        if (mine.Count == 0)
        {
            row.AddRange([best.Baseline, null, null, null, null]);
            return;
        }
        var d = Difference(mine, theirs);
        row.AddRange([best.Baseline, d.Mean, d.Ci95Low, d.Ci95High, d.Method]);
    }

    /// <summary>The comparable baseline cell with the highest mean test accuracy (needs at least one value).</summary>
    private static CellData? BestBaseline(CellData cell, IReadOnlyList<CellData> baselines)
    {
        CellData? best = null;
        double bestMean = double.NegativeInfinity;
        foreach (var b in baselines)
        {
            if (!string.Equals(b.SettingKey, cell.SettingKey, StringComparison.Ordinal)) continue;
            var values = TestValues(b);
            if (values.Count == 0) continue;
            var mean = SweepStatistics.Mean(values.Select(v => v.Value).ToList());
            if (mean > bestMean) (best, bestMean) = (b, mean);
        }
        return best;
    }

    /// <summary>Paired by seed when both sides have n ≥ 2 and the same distinct seeds; else Welch; else single.</summary>
    internal static DifferenceEstimate Difference(IReadOnlyList<(int? Seed, double Value)> a, IReadOnlyList<(int? Seed, double Value)> b)
    {
        var av = a.Select(x => x.Value).ToList();
        var bv = b.Select(x => x.Value).ToList();
        if (a.Count < 2 || b.Count < 2) return SweepStatistics.SingleDifference(av, bv);
        if (SameSeeds(a, b))
        {
            var pa = a.OrderBy(x => x.Seed).Select(x => x.Value).ToList();
            var pb = b.OrderBy(x => x.Seed).Select(x => x.Value).ToList();
            return SweepStatistics.PairedDifference(pa, pb);
        }
        return SweepStatistics.WelchDifference(av, bv);
    }

    private static bool SameSeeds(IReadOnlyList<(int? Seed, double Value)> a, IReadOnlyList<(int? Seed, double Value)> b)
    {
        if (a.Count != b.Count || a.Any(x => x.Seed is null) || b.Any(x => x.Seed is null)) return false;
        var sa = a.Select(x => x.Seed!.Value).ToHashSet();
        var sb = b.Select(x => x.Seed!.Value).ToHashSet();
        return sa.Count == a.Count && sb.Count == b.Count && sa.SetEquals(sb);
    }
}
