using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// The R commands below are in References/ttest_holm.R.
public class HolmBonferroniTests
{
    [Fact]
    public void Matches_R_p_adjust_with_a_missing_test_left_out_of_the_family()
    {
        // R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.04, 0.5, 0.3), "holm")
        //   → 0.06 0.16 0.15 0.035 NA 0.16 0.6 0.6   (R drops NA from n; statsmodels multipletests(…, method='holm')
        //   on the 7 non-missing values gives the same [0.06, 0.16, 0.15, 0.035, 0.16, 0.6, 0.6])
        var adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03, 0.005, null, 0.04, 0.5, 0.3]);
        double?[] expected = [0.06, 0.16, 0.15, 0.035, null, 0.16, 0.6, 0.6];
        Assert.Equal(expected.Length, adjusted.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] is { } e) StatAssert.Near(e, adjusted[i], 1e-15);
            else Assert.Null(adjusted[i]);
        }
    }

    [Fact]
    public void Ties_caps_and_input_order()
    {
        // R: p.adjust(c(0.04, 0.04, 0.04), "holm") → 0.12 0.12 0.12
        Assert.All(HolmBonferroni.Adjust([0.04, 0.04, 0.04]), p => StatAssert.Near(0.12, p, 1e-15));
        // R: p.adjust(c(0.2, 0.01, 0.6, 0.02), "holm") → 0.40 0.04 0.60 0.06
        var a = HolmBonferroni.Adjust([0.2, 0.01, 0.6, 0.02]);
        var b = HolmBonferroni.Adjust([0.6, 0.02, 0.2, 0.01]);
        StatAssert.Near(0.40, a[0], 1e-15);
        StatAssert.Near(0.04, a[1], 1e-15);
        StatAssert.Near(0.60, a[2], 1e-15);
        StatAssert.Near(0.06, a[3], 1e-15);
        // The same values in another order get the same adjusted values.
        Assert.Equal(a[0], b[2]);
        Assert.Equal(a[1], b[3]);
        Assert.Equal(a[2], b[0]);
        Assert.Equal(a[3], b[1]);
        // Capped at 1 and monotone in the raw order.
        // R: p.adjust(c(0.5, 0.9, 0.3), "holm") → 1.0 1.0 0.9
        var capped = HolmBonferroni.Adjust([0.5, 0.9, 0.3]);
        Assert.Equal(1.0, capped[0]);
        Assert.Equal(1.0, capped[1]);
        StatAssert.Near(0.9, capped[2], 1e-15);
    }

    [Fact]
    public void Edge_cases_and_bad_input()
    {
        Assert.Empty(HolmBonferroni.Adjust([]));
        Assert.Equal([null, null], HolmBonferroni.Adjust([null, null]));
        Assert.Equal([0.03], HolmBonferroni.Adjust([0.03]));
        var bad = Assert.Throws<ArgumentException>(() => HolmBonferroni.Adjust([0.1, 1.5]));
        Assert.Contains("pValues[1]", bad.Message);
        Assert.Throws<ArgumentException>(() => HolmBonferroni.Adjust([double.NaN]));
    }
}
