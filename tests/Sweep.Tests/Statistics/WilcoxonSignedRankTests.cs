using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// The R and SciPy commands below are in References/wilcoxon.R and References/wilcoxon.py.
public class WilcoxonSignedRankTests
{
    [Fact]
    public void Exact_p_matches_Hollander_and_Wolfe_and_R()
    {
        // Hollander & Wolfe (1973), p. 29, depression scale before (x) and after (y) treatment, as in R's ?wilcox.test.
        // R 4.2.2: wilcox.test(x, y, paired = TRUE, exact = TRUE) → V = 40, p = 0.0390625
        // SciPy 1.10.1: wilcoxon(x, y, method='exact') → statistic 5.0, pvalue 0.0390625
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        var r = WilcoxonSignedRank.Compute(x, y);
        Assert.Equal(WilcoxonSignedRank.Exact, r.Method);
        Assert.Equal(40, r.WPlus);
        Assert.Equal(5, r.WMinus);
        Assert.Equal(5, r.Statistic);
        StatAssert.Near(0.0390625, r.P, 1e-15);
        StatAssert.Near(35.0 / 45, r.RankBiserial, 1e-15); // (40 − 5) / 45
        Assert.Null(r.Z);
        Assert.False(r.HasTies);
        Assert.Null(r.Note);
    }

    [Fact]
    public void Exact_p_for_thirty_pairs_matches_R_and_SciPy()
    {
        // R: wilcox.test(d30, exact = TRUE) → V = 370, p = 3.7444327026605623e-03
        // SciPy: wilcoxon(d30, method='exact') → statistic 95.0, pvalue 0.0037444327026605606
        double[] d30 = [3.25, 3.75, 1.25, 7.25, 5.75, -6.25, 4.5, 1.0, 7.0, 5.0, 4.75, 3.5, 0.25, 6.5, 6.0, 2.75, -2.25, 2.0, 0.5, -4.0,
            1.75, -4.25, 5.25, -1.5, 7.5, 6.75, 0.75, -5.5, 2.5, 3.0];
        var r = WilcoxonSignedRank.FromDifferences(d30);
        Assert.Equal(WilcoxonSignedRank.Exact, r.Method);
        Assert.Equal(370, r.WPlus);
        Assert.Equal(95, r.Statistic);
        StatAssert.Relative(3.7444327026605623e-03, r.P, 1e-12);

        // R: wilcox.test(d20, exact = TRUE) → V = 140, p = 0.20244979858398438 (SciPy: statistic 70, same p)
        double[] d20 = [-1.5, 3.0, 4.5, -6.0, 7.5, 9.0, -10.5, 12.0, 13.5, -15.0, 16.5, 18.0, -19.5, 21.0, 22.5, -24.0, 25.5, 27.0, -28.5, 30.0];
        var r20 = WilcoxonSignedRank.FromDifferences(d20);
        Assert.Equal(140, r20.WPlus);
        StatAssert.Relative(0.20244979858398438, r20.P, 1e-12);

        // All 12 positive: SciPy wilcoxon(range(1, 13), method='exact') → pvalue 0.00048828125 = 2/2¹²
        StatAssert.Near(0.00048828125, WilcoxonSignedRank.FromDifferences(Enumerable.Range(1, 12).Select(i => (double)i).ToArray()).P, 1e-17);
    }

    [Fact]
    public void Exact_distribution_matches_R_dsignrank()
    {
        // R: dsignrank(0:15, 5) * 32 → 1 1 1 2 2 3 3 3 3 3 3 2 2 1 1 1
        double[] counts = [1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1];
        var pmf = WilcoxonSignedRank.ExactDistribution(5);
        Assert.Equal(counts.Length, pmf.Length);
        for (int w = 0; w < counts.Length; w++) StatAssert.Near(counts[w] / 32, pmf[w], 1e-16);
        // R: psignrank(10, 30) → 4.0046870708465609e-08
        StatAssert.Relative(4.0046870708465609e-08, WilcoxonSignedRank.ExactDistribution(30).Take(11).Sum(), 1e-12);
    }

    [Fact]
    public void Ties_and_zeros_use_the_normal_approximation_with_tie_correction()
    {
        // Two zeros and tied |d|. SciPy 1.10.1: wilcoxon(t, method='approx') → statistic 7.0, pvalue 0.035564379058193644;
        // with correction=True → 0.04030513050073345.
        // R: wilcox.test(t, exact = FALSE, correct = FALSE) → V = 48, p = 0.035564379058193658; correct = TRUE → 0.040305130500733463
        double[] t = [0.01, -0.02, 0.02, 0.0, 0.03, 0.01, 0.0, 0.04, -0.01, 0.05, 0.02, 0.03];
        var r = WilcoxonSignedRank.FromDifferences(t);
        Assert.Equal(WilcoxonSignedRank.Normal, r.Method);
        Assert.Equal(12, r.N);
        Assert.Equal(2, r.Zeros);
        Assert.Equal(10, r.NonZero);
        Assert.True(r.HasTies);
        Assert.Equal(48, r.WPlus);
        Assert.Equal(7, r.Statistic);
        StatAssert.Relative(0.035564379058193658, r.P, 1e-12);
        Assert.Contains("zeros", r.Note);
        Assert.NotNull(r.Z);

        var corrected = WilcoxonSignedRank.FromDifferences(t, continuityCorrection: true);
        StatAssert.Relative(0.040305130500733463, corrected.P, 1e-12);

        // Ties without zeros: asking for exact still falls back, and says why.
        var tiesOnly = WilcoxonSignedRank.FromDifferences([1.0, 2, 2, 3, -4, 5, 6], WilcoxonMethod.Exact);
        Assert.Equal(WilcoxonSignedRank.Normal, tiesOnly.Method);
        Assert.Contains("tied", tiesOnly.Note);
    }

    [Fact]
    public void Large_n_uses_the_normal_approximation_unless_exact_is_asked_for()
    {
        // d60 = (1:60) * ifelse((0:59) %% 4 == 0, -1, 1).
        // R: wilcox.test(d60, exact = FALSE, correct = FALSE) → V = 1395, p = 4.0998837319402968e-04 (SciPy auto: same p)
        //    wilcox.test(d60, exact = TRUE) → p = 2.89953017725355e-04
        var d60 = Enumerable.Range(0, 60).Select(i => (i + 1.0) * (i % 4 == 0 ? -1 : 1)).ToArray();
        var auto = WilcoxonSignedRank.FromDifferences(d60);
        Assert.Equal(WilcoxonSignedRank.Normal, auto.Method);
        Assert.Equal(1395, auto.WPlus);
        StatAssert.Relative(4.0998837319402968e-04, auto.P, 1e-12);
        var exact = WilcoxonSignedRank.FromDifferences(d60, WilcoxonMethod.Exact);
        Assert.Equal(WilcoxonSignedRank.Exact, exact.Method);
        StatAssert.Relative(2.89953017725355e-04, exact.P, 1e-12);
        var normal = WilcoxonSignedRank.FromDifferences([1.0, 2, 3, -4, 5], WilcoxonMethod.NormalApproximation);
        Assert.Equal(WilcoxonSignedRank.Normal, normal.Method);
    }

    [Fact]
    public void Degenerate_cases_and_bad_input()
    {
        var none = WilcoxonSignedRank.FromDifferences([]);
        Assert.Null(none.P);
        Assert.Equal(WilcoxonSignedRank.None, none.Method);
        var zeros = WilcoxonSignedRank.Compute([0.9, 0.8], [0.9, 0.8]);
        Assert.Equal(1, zeros.P);
        Assert.Equal(2, zeros.Zeros);
        Assert.Null(zeros.RankBiserial);
        Assert.Equal(WilcoxonSignedRank.None, zeros.Method);
        // One non-zero pair: exact p = 2 · ½ = 1.
        Assert.Equal(1, WilcoxonSignedRank.FromDifferences([0.3]).P);
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.Compute([1.0], [1.0, 2]));
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRank.FromDifferences([1.0, double.NaN]));
    }
}
