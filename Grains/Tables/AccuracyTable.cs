using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// accuracy.csv: one row per cell (cell key ordinal; baselines are their own cells) over its Done runs. Columns:
/// cell, baseline, factor.&lt;name&gt;… (without seed; first-seen order), n (Done runs), n_failed (Failed runs),
/// test_accuracy_{mean,std,ci95_low,ci95_high,min,max}, validation_accuracy_{…same…}, best_baseline,
/// diff_test_mean, diff_ci95_low, diff_ci95_high, diff_method.
/// <para>
/// std is the sample std (n − 1); the interval is mean ± t(0.975, n − 1)·std/√n; both empty when n &lt; 2. Metrics
/// that a Done run lacks (null) are left out of that metric's statistics.
/// </para>
/// <para>
/// The diff columns (SmartMixed cells only) compare with the best baseline of the same cell: baseline cells whose
/// config equals the cell's on every field except pool, fixed, temperature, switch, selection, phase_two, preset
/// and seed; best = highest mean test accuracy (ties: first cell key). diff = SmartMixed − baseline test accuracy:
/// paired by seed when both have the same seeds and n ≥ 2, else Welch, else (n &lt; 2 on a side) the mean
/// difference alone (<c>single</c>).
/// </para>
/// </summary>
public static class AccuracyTable
{
    public const string FileName = "accuracy.csv";

    private static readonly string[] SummaryParts = ["mean", "std", "ci95_low", "ci95_high", "min", "max"];

    public static readonly IReadOnlyList<string> DiffColumns = ["best_baseline", "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "diff_method"];

    public static SweepTable Build(IReadOnlyList<RunRecord> runs) => Build(new SweepRuns(runs));

    internal static SweepTable Build(SweepRuns sweep)
    {
        var factors = SweepRuns.FactorNames(sweep.Runs, withoutSeed: true);
        var header = new List<string> { "cell", "baseline" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.Add("n");
        header.Add("n_failed");
        header.AddRange(SummaryParts.Select(p => "test_accuracy_" + p));
        header.AddRange(SummaryParts.Select(p => "validation_accuracy_" + p));
        header.AddRange(DiffColumns);

        var baselines = sweep.Cells.Where(c => c.IsBaseline).ToList();
        var rows = new List<IReadOnlyList<object?>>(sweep.Cells.Count);
        foreach (var cell in sweep.Cells)
        {
            var first = cell.Runs[0];
            var row = new List<object?>(header.Count) { cell.Key, cell.IsBaseline };
            row.AddRange(factors.Select(f => first.FactorValue(f) ?? "-"));
            row.Add(cell.Done.Count());
            row.Add(cell.Runs.Count(r => r.Record.Status == RunStatus.Failed));
            AddSummary(row, SweepStatistics.Summarize(TestValues(cell).Select(v => v.Value).ToList()));
            AddSummary(row, SweepStatistics.Summarize(cell.Done.Where(r => r.Record.ValidationAccuracy.HasValue)
                .Select(r => r.Record.ValidationAccuracy!.Value).ToList()));
            AddDiff(row, cell, baselines);
            rows.Add(row);
        }
        return new SweepTable(header, rows);
    }

    private static void AddSummary(List<object?> row, SampleSummary s) =>
        row.AddRange([s.Mean, s.Std, s.Ci95Low, s.Ci95High, s.Min, s.Max]);

    private static List<(int? Seed, double Value)> TestValues(Cell cell) =>
        cell.Done.Where(r => r.Record.TestAccuracy.HasValue).Select(r => (r.Seed, r.Record.TestAccuracy!.Value)).ToList();

    private static void AddDiff(List<object?> row, Cell cell, IReadOnlyList<Cell> baselines)
    {
        var best = cell.IsBaseline ? null : BestBaseline(cell, baselines);
        if (best is null)
        {
            row.AddRange([null, null, null, null, null]);
            return;
        }
        var mine = TestValues(cell);
        var theirs = TestValues(best);
        var name = best.Runs[0].Fixed ?? best.Key;
        if (mine.Count == 0)
        {
            row.AddRange([name, null, null, null, null]);
            return;
        }
        var d = Difference(mine, theirs);
        row.AddRange([name, d.Mean, d.Ci95Low, d.Ci95High, d.Method]);
    }

    /// <summary>The comparable baseline cell with the highest mean test accuracy (needs at least one value).</summary>
    private static Cell? BestBaseline(Cell cell, IReadOnlyList<Cell> baselines)
    {
        var config = cell.Runs[0].ComparableConfig;
        Cell? best = null;
        double bestMean = double.NegativeInfinity;
        foreach (var b in baselines)
        {
            if (!string.Equals(b.Runs[0].ComparableConfig, config, StringComparison.Ordinal)) continue;
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
