using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// Reference: Student's (1908) sleep data as shipped with R (datasets::sleep, Cushny & Peebles), R 4.2.2
// (every R command below is in References/ttest_holm.R):
//   x <- sleep$extra[sleep$group == 1]; y <- sleep$extra[sleep$group == 2]
//   t.test(x, y, paired = TRUE)   →  t = -4.0621276833820366, df = 9, p = 0.0028328901973842702,
//                                     95 % CI [-2.4598857632769824, -0.7001142367230175], mean diff -1.58
//   t.test(x, y, paired = TRUE, conf.level = 0.9)$conf.int  →  [-2.2930052670292835, -0.8669947329707165]
//   d <- x - y; sd(d) = 1.2299954832798732, sd(d)/sqrt(10) = 0.3889587238883952, mean(d)/sd(d) = -1.2845575625910546
//   t.test(x, y)  (Welch)        →  t = -1.860813467486853, df = 17.776473516178498, p = 0.079394140187358173,
//                                     CI [-3.365483230711710, 0.205483230711710], stderr 0.849091017238762
//   (mean(x) - mean(y)) / sqrt((9*var(x) + 9*var(y))/18)  →  -0.83218108134953961
public class TTestTests
{
    private static readonly double[] X = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Paired_t_test_matches_R_on_the_sleep_data()
    {
        var r = PairedTTest.Compute(X, Y);
        Assert.Equal(10, r.N);
        StatAssert.Near(-1.58, r.MeanDifference, 1e-14);
        StatAssert.Near(1.2299954832798732, r.SdDifference, 1e-14);
        StatAssert.Near(0.3889587238883952, r.StandardError, 1e-14);
        StatAssert.Near(-4.0621276833820366, r.T, 1e-12);
        Assert.Equal(9, r.DegreesOfFreedom);
        StatAssert.Relative(0.0028328901973842702, r.P, 1e-9);
        StatAssert.Near(-2.4598857632769824, r.CiLow, 1e-10);
        StatAssert.Near(-0.7001142367230175, r.CiHigh, 1e-10);
        StatAssert.Near(-1.2845575625910546, r.CohensDz, 1e-13);
        Assert.Null(r.Note);
    }

    [Fact]
    public void Paired_interval_honours_the_confidence_level()
    {
        var r = PairedTTest.Compute(X, Y, confidenceLevel: 0.9);
        StatAssert.Near(-2.2930052670292835, r.CiLow, 1e-10);
        StatAssert.Near(-0.8669947329707165, r.CiHigh, 1e-10);
        Assert.Equal(0.9, r.ConfidenceLevel);
    }

    [Fact]
    public void Paired_p_keeps_its_digits_when_small()
    {
        // SciPy 1.10.1: stats.ttest_1samp([1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 1.01], 0)
        //   → statistic 46.56841822576988, pvalue 5.50529236196614e-10
        var r = PairedTTest.FromDifferences([1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 1.01]);
        StatAssert.Relative(46.56841822576988, r.T, 1e-12);
        StatAssert.Relative(5.50529236196614e-10, r.P, 1e-8);
    }

    [Fact]
    public void Paired_degenerate_cases_are_defined()
    {
        var none = PairedTTest.FromDifferences([]);
        Assert.Equal(0, none.N);
        Assert.Null(none.MeanDifference);
        Assert.Null(none.P);
        Assert.Equal(PairedTTest.NoPairs, none.Note);

        var one = PairedTTest.Compute([0.9], [0.8]);
        StatAssert.Near(0.1, one.MeanDifference, 1e-15);
        Assert.Null(one.SdDifference);
        Assert.Null(one.P);
        Assert.Null(one.CiLow);
        Assert.Equal(PairedTTest.OnePair, one.Note);

        var zero = PairedTTest.Compute([0.9, 0.8, 0.7], [0.9, 0.8, 0.7]);
        Assert.Equal(1, zero.P);
        Assert.Null(zero.T);
        Assert.Null(zero.CohensDz);
        Assert.Equal(0, zero.CiLow);
        Assert.Equal(0, zero.CiHigh);
        Assert.Equal(PairedTTest.AllZero, zero.Note);

        // 0.95 − 0.94 and 0.93 − 0.92 differ in their last bits; this is still "no spread", not t = 10¹⁵.
        var constant = PairedTTest.Compute([0.95, 0.93, 0.91], [0.94, 0.92, 0.90]);
        Assert.Null(constant.T);
        Assert.Null(constant.P);
        Assert.Null(constant.CohensDz);
        StatAssert.Near(0.01, constant.CiLow, 1e-15);
        StatAssert.Near(0.01, constant.CiHigh, 1e-15);
        Assert.Equal(PairedTTest.NoSpread, constant.Note);
    }

    [Fact]
    public void Paired_rejects_bad_input_by_name()
    {
        var lengths = Assert.Throws<ArgumentException>(() => PairedTTest.Compute([1.0, 2], [1.0]));
        Assert.Contains("differ in length", lengths.Message);
        var nan = Assert.Throws<ArgumentException>(() => PairedTTest.Compute([1.0, double.NaN], [1.0, 2]));
        Assert.Equal("a", nan.ParamName);
        Assert.Contains("a[1]", nan.Message);
        Assert.Throws<ArgumentException>(() => PairedTTest.FromDifferences([1.0, 2], confidenceLevel: 1));
    }

    [Fact]
    public void Welch_matches_R_on_the_sleep_data()
    {
        var r = WelchTTest.Compute(X, Y);
        Assert.Equal(10, r.NA);
        StatAssert.Near(0.75, r.MeanA, 1e-14);
        StatAssert.Near(2.33, r.MeanB, 1e-14);
        StatAssert.Near(-1.58, r.Difference, 1e-14);
        StatAssert.Near(0.849091017238762, r.StandardError, 1e-14);
        StatAssert.Near(-1.860813467486853, r.T, 1e-12);
        StatAssert.Near(17.776473516178498, r.DegreesOfFreedom, 1e-11);
        StatAssert.Relative(0.079394140187358173, r.P, 1e-9);
        StatAssert.Near(-3.365483230711710, r.CiLow, 1e-9);
        StatAssert.Near(0.205483230711710, r.CiHigh, 1e-9);
        StatAssert.Near(-0.83218108134953961, r.CohensD, 1e-13);
    }

    [Fact]
    public void Welch_with_unequal_sizes_and_a_constant_side_matches_R()
    {
        // R: t.test(c(1, 2, 3, 4), c(2, 4, 6)) → t -1.1338934190276817, df 3.234718826405869, p 0.33382370007750128,
        //    CI [-5.5423279549230236, 2.5423279549230236]; (mean(a)-mean(b))/sqrt((3*var(a)+2*var(b))/5) = -0.93026050941906335
        var r = WelchTTest.Compute([1.0, 2, 3, 4], [2.0, 4, 6]);
        StatAssert.Near(-1.1338934190276817, r.T, 1e-12);
        StatAssert.Near(3.234718826405869, r.DegreesOfFreedom, 1e-11);
        StatAssert.Relative(0.33382370007750128, r.P, 1e-9);
        StatAssert.Near(-5.5423279549230236, r.CiLow, 1e-8);
        StatAssert.Near(2.5423279549230236, r.CiHigh, 1e-8);
        StatAssert.Near(-0.93026050941906335, r.CohensD, 1e-13);

        // R: t.test(c(0.9, 0.9, 0.9), c(0.88, 0.91, 0.86, 0.87)) → t 1.851640199545103, df 3, p 0.16116184721351942,
        //    CI [-0.014374348818583097, 0.054374348818583128]
        var flat = WelchTTest.Compute([0.9, 0.9, 0.9], [0.88, 0.91, 0.86, 0.87]);
        StatAssert.Near(1.851640199545103, flat.T, 1e-10);
        StatAssert.Near(3, flat.DegreesOfFreedom, 1e-10);
        StatAssert.Relative(0.16116184721351942, flat.P, 1e-8);
        StatAssert.Near(-0.014374348818583097, flat.CiLow, 1e-10);
        StatAssert.Near(0.054374348818583128, flat.CiHigh, 1e-10);
    }

    [Fact]
    public void Welch_degenerate_cases_are_defined()
    {
        var empty = WelchTTest.Compute([], [1.0, 2]);
        Assert.Null(empty.Difference);
        StatAssert.Near(1.5, empty.MeanB, 1e-15);
        Assert.Equal(WelchTTest.EmptySample, empty.Note);

        var single = WelchTTest.Compute([0.9], [0.8, 0.7]);
        StatAssert.Near(0.15, single.Difference, 1e-15);
        Assert.Null(single.P);
        Assert.Equal(WelchTTest.TooFew, single.Note);

        var equal = WelchTTest.Compute([0.5, 0.5], [0.5, 0.5, 0.5]);
        Assert.Equal(1, equal.P);
        Assert.Null(equal.T);
        Assert.Equal(WelchTTest.NoSpreadEqual, equal.Note);

        var apart = WelchTTest.Compute([1.0, 1.0], [0.5, 0.5, 0.5]);
        Assert.Null(apart.P);
        Assert.Equal(0.5, apart.CiLow);
        Assert.Equal(0.5, apart.CiHigh);
        Assert.Equal(WelchTTest.NoSpread, apart.Note);

        Assert.Throws<ArgumentException>(() => WelchTTest.Compute([1.0, double.PositiveInfinity], [1.0, 2]));
    }

    [Fact]
    public void Mean_interval_matches_R()
    {
        // R: t.test(sleep$extra[sleep$group == 1])$conf.int → [-0.52978041352623217, 2.02978041352623206];
        //    with conf.level = 0.99 → [-1.0885441744314501, 2.5885441744314499]; sd 1.7890096577591623 (SciPy np.std ddof=1)
        var m = MeanInterval.Of(X);
        StatAssert.Near(0.75, m.Mean, 1e-15);
        StatAssert.Near(1.7890096577591623, m.Sd, 1e-14);
        StatAssert.Near(-0.52978041352623217, m.CiLow, 1e-10);
        StatAssert.Near(2.02978041352623206, m.CiHigh, 1e-10);
        var wide = MeanInterval.Of(X, 0.99);
        StatAssert.Near(-1.0885441744314501, wide.CiLow, 1e-9);
        StatAssert.Near(2.5885441744314499, wide.CiHigh, 1e-9);

        Assert.Equal(new MeanInterval(0, null, null, null, null, 0.95), MeanInterval.Of([]));
        Assert.Equal(new MeanInterval(1, 0.5, null, null, null, 0.95), MeanInterval.Of([0.5]));
        var flat = MeanInterval.Of([0.92, 0.92, 0.92]);
        Assert.Equal(0, flat.Sd);
        Assert.Equal(flat.Mean, flat.CiLow);
    }
}
