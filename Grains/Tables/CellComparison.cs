using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// One SmartMixed cell against one baseline cell of the same setting, on test accuracy (SmartMixed − baseline).
/// <para>
/// Paired by seed (<see cref="PairedTTest"/>, Cohen's d_z, and for n ≥ 6 pairs the Wilcoxon signed-rank test, exact
/// unless zeros or ties force the normal approximation) when both sides have at least two Done runs with the same
/// distinct seeds; else Welch's t-test (<see cref="WelchTTest"/>, Cohen's d with the pooled sd) when both have two;
/// else the mean difference alone (<c>single</c>, no test). Below six pairs the Wilcoxon test is left out: its smallest
/// two-sided exact p-value is then 0.0625, so it could never reject at 0.05.
/// </para>
/// <para>
/// <see cref="PHolm"/> is set by <see cref="SweepAnalysis"/> over the sweep's whole family of comparisons; the
/// <see cref="Verdict"/> reads it at α = 0.05.
/// </para>
/// </summary>
public sealed record CellComparison(
    CellData Cell,
    CellData Baseline,
    bool Chosen,
    int NCell,
    int NBaseline,
    int NPairs,
    string Method,
    double? CellMean,
    double? BaselineMean,
    double? Difference,
    double? CiLow,
    double? CiHigh,
    double? T,
    double? DegreesOfFreedom,
    double? P,
    double? CohensDz,
    double? CohensD,
    double? WilcoxonP,
    string? WilcoxonMethod,
    string? Note,
    double? PHolm = null)
{
    public const double Alpha = 0.05;
    public const int WilcoxonMinPairs = 6;

    public const string Better = "better";
    public const string Worse = "worse";
    public const string NoEvidence = "no evidence";
    public const string NotTested = "not tested";

    /// <summary>better / worse (Holm-adjusted p &lt; 0.05, by the sign of the difference), no evidence, or not tested (no p).</summary>
    public string Verdict => PHolm is not { } p ? NotTested
        : p < Alpha && Difference > 0 ? Better
        : p < Alpha && Difference < 0 ? Worse
        : NoEvidence;

    public static CellComparison Compute(CellData cell, CellData baseline, bool chosen)
    {
        var a = TestValues(cell);
        var b = TestValues(baseline);
        double? meanA = a.Count > 0 ? a.Average(x => x.Value) : null;
        double? meanB = b.Count > 0 ? b.Average(x => x.Value) : null;
        if (a.Count == 0 || b.Count == 0)
            return new(cell, baseline, chosen, a.Count, b.Count, 0, "none", meanA, meanB, null, null, null, null, null, null, null, null, null, null,
                "a side has no finished run");
        if (a.Count < 2 || b.Count < 2)
            return new(cell, baseline, chosen, a.Count, b.Count, 0, SweepStatistics.Single, meanA, meanB, meanA - meanB, null, null, null, null, null, null, null, null, null,
                "a side has one finished run: no spread to test against");
        if (SameSeeds(a, b))
        {
            var pa = a.OrderBy(x => x.Seed).Select(x => x.Value).ToList();
            var pb = b.OrderBy(x => x.Seed).Select(x => x.Value).ToList();
            var t = PairedTTest.Compute(pa, pb);
            double? wilcoxonP = null;
            string? wilcoxonMethod = null;
            if (pa.Count >= WilcoxonMinPairs)
            {
                var w = WilcoxonSignedRank.Compute(pa, pb, Statistics.WilcoxonMethod.Exact);
                (wilcoxonP, wilcoxonMethod) = (w.P, w.Method);
            }
            return new(cell, baseline, chosen, a.Count, b.Count, pa.Count, SweepStatistics.Paired, meanA, meanB, t.MeanDifference, t.CiLow, t.CiHigh,
                t.T, t.DegreesOfFreedom, t.P, t.CohensDz, null, wilcoxonP, wilcoxonMethod, t.Note);
        }
        var welch = WelchTTest.Compute(a.Select(x => x.Value).ToList(), b.Select(x => x.Value).ToList());
        return new(cell, baseline, chosen, a.Count, b.Count, 0, SweepStatistics.Welch, meanA, meanB, welch.Difference, welch.CiLow, welch.CiHigh,
            welch.T, welch.DegreesOfFreedom, welch.P, null, welch.CohensD, null, null, welch.Note);
    }

    internal static List<(int Seed, double Value)> TestValues(CellData cell) =>
        cell.Done.Where(r => r.TestAccuracy.HasValue).Select(r => (r.Seed, r.TestAccuracy!.Value)).ToList();

    private static bool SameSeeds(IReadOnlyList<(int Seed, double Value)> a, IReadOnlyList<(int Seed, double Value)> b)
    {
        if (a.Count != b.Count) return false;
        var sa = a.Select(x => x.Seed).ToHashSet();
        var sb = b.Select(x => x.Seed).ToHashSet();
        return sa.Count == a.Count && sb.Count == b.Count && sa.SetEquals(sb);
    }
}
