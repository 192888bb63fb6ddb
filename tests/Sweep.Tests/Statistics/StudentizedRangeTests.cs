using MathNet.Numerics.Distributions;
using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// The SciPy commands below are in References/studentized_range.py.
public class StudentizedRangeTests
{
    public static TheoryData<double, int, double, double> CdfReferences => new()
    {
        // SciPy 1.10.1: scipy.stats.studentized_range.cdf(q, k, df)
        { 3.5, 3, 10, 0.9228966891615896 },
        { 1.0, 5, double.PositiveInfinity, 0.04504514481135578 },
        { 4.0, 10, double.PositiveInfinity, 0.8731478678494035 },
        { 2.5, 4, 2, 0.5278050606331054 },
        { 6.0, 20, 60, 0.9896649423812391 },
        { 0.5, 2, 1, 0.21634689593878548 },
        { 8.0, 50, 5, 0.8943236340147737 },
        { 3.0, 3, 1000, 0.9139458084788669 },
    };

    [Theory]
    [MemberData(nameof(CdfReferences))]
    public void Cdf_matches_SciPy(double q, int k, double df, double expected) =>
        StatAssert.Near(expected, StudentizedRange.Cdf(q, k, df), 1e-10);

    public static TheoryData<double, int, double, double> QuantileReferences => new()
    {
        // SciPy 1.10.1: scipy.stats.studentized_range.ppf(p, k, df)
        { 0.95, 3, 10, 3.876776750013158 },
        { 0.95, 5, 20, 4.231856748997479 },
        { 0.95, 10, 60, 4.646323963266348 },
        { 0.95, 4, double.PositiveInfinity, 3.6331595749026278 },
        { 0.95, 2, 5, 3.63535169514679 },
        { 0.99, 3, 2, 19.018935987312496 },
        { 0.90, 20, 120, 4.779331805484132 },
        { 0.95, 7, double.PositiveInfinity, 4.169554155006547 },
        { 0.95, 30, double.PositiveInfinity, 5.30128957403117 },
    };

    [Theory]
    [MemberData(nameof(QuantileReferences))]
    public void Quantile_matches_SciPy(double p, int k, double df, double expected) =>
        StatAssert.Relative(expected, StudentizedRange.Quantile(p, k, df), 1e-8);

    [Fact]
    public void Quantile_matches_R_qtukey_within_its_precision()
    {
        // R 4.2.2 qtukey (its iteration stops at about 1e-4 in p, so only a few digits are exact):
        // qtukey(0.95, 3, 10) = 3.8767767491915595, qtukey(0.95, 4, Inf) = 3.6331595817958520, qtukey(0.95, 2, 5) = 3.6353514212908076
        StatAssert.Relative(3.8767767491915595, StudentizedRange.Quantile(0.95, 3, 10), 1e-6);
        StatAssert.Relative(3.6331595817958520, StudentizedRange.Quantile(0.95, 4, double.PositiveInfinity), 1e-6);
        StatAssert.Relative(3.6353514212908076, StudentizedRange.Quantile(0.95, 2, 5), 1e-6);
        // ptukey(3.5, 3, 10) = 0.9228966891613396
        StatAssert.Near(0.9228966891613396, StudentizedRange.Cdf(3.5, 3, 10), 1e-10);
    }

    [Fact]
    public void Nemenyi_q_matches_Demsar_table_5()
    {
        // Demšar (2006), JMLR 7, Table 5(a): critical values q_α for the two-tailed Nemenyi test, k = 2..10.
        // The table's last digit is not rounded consistently (2.3437 is printed 2.343, 2.9483 is printed 2.949), so ± 0.001.
        double[] q05 = [1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164];
        double[] q10 = [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920];
        for (int k = 2; k <= 10; k++)
        {
            StatAssert.Near(q05[k - 2], NemenyiCriticalDifference.Compute(k, 10, 0.05).QAlpha, 0.001);
            StatAssert.Near(q10[k - 2], NemenyiCriticalDifference.Compute(k, 10, 0.10).QAlpha, 0.001);
        }
        // Finer, R 4.2.2: qtukey(0.95, 2:10, Inf) / sqrt(2) (within R's own precision)
        double[] r05 = [1.9599639847662103, 2.3437005879021418, 2.5690317774207276, 2.7277743825185543, 2.8497054432712940,
            2.9483200607221756, 3.0308785225952040, 3.1017304575085647, 3.1636837535027902];
        for (int k = 2; k <= 10; k++) StatAssert.Relative(r05[k - 2], NemenyiCriticalDifference.Compute(k, 10).QAlpha, 1e-6);
    }

    [Fact]
    public void Two_groups_reduce_to_the_normal_distribution()
    {
        // The range of two standard normals is √2 |Z|: P(Q ≤ q) = 2Φ(q/√2) − 1, and q_0.95 = √2 · z_0.975.
        foreach (var q in new[] { 0.3, 1.0, 2.0, 2.77, 4.0, 6.0 })
            StatAssert.Near(2 * Normal.CDF(0, 1, q / Math.Sqrt(2)) - 1, StudentizedRange.Cdf(q, 2, double.PositiveInfinity), 1e-13);
        StatAssert.Relative(Math.Sqrt(2) * Normal.InvCDF(0, 1, 0.975), StudentizedRange.Quantile(0.95, 2, double.PositiveInfinity), 1e-11);
    }

    [Fact]
    public void Edges_and_bad_input()
    {
        Assert.Equal(0, StudentizedRange.Cdf(0, 3, 10));
        Assert.Equal(0, StudentizedRange.Cdf(-1, 3, double.PositiveInfinity));
        Assert.Equal(1, StudentizedRange.Cdf(double.PositiveInfinity, 3, 10));
        Assert.Throws<ArgumentException>(() => StudentizedRange.Cdf(1, 1, 10));
        Assert.Throws<ArgumentException>(() => StudentizedRange.Cdf(1, 3, 0.5));
        Assert.Throws<ArgumentException>(() => StudentizedRange.Cdf(double.NaN, 3, 10));
        Assert.Throws<ArgumentException>(() => StudentizedRange.Quantile(1, 3, 10));
        Assert.Throws<ArgumentException>(() => StudentizedRange.Quantile(0, 3, 10));
    }
}
