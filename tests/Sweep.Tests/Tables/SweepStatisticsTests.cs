using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Sweep.Tests.Tables;

// Reference numbers computed by hand / with mpmath at 30 digits (t quantiles from the regularised incomplete beta).
public class SweepStatisticsTests
{
    [Fact]
    public void T_quantile_matches_the_table()
    {
        Assert.Equal(4.302652729749464, SweepStatistics.TQuantile(0.975, 2), 9);
        Assert.Equal(12.706204736174707, SweepStatistics.TQuantile(0.975, 1), 8);
    }

    [Fact]
    public void Summary_of_three_values()
    {
        var s = SweepStatistics.Summarize([0.90, 0.92, 0.94]);
        Assert.Equal(3, s.N);
        Assert.Equal(0.92, s.Mean!.Value, 14);
        Assert.Equal(0.02, s.Std!.Value, 14);
        // 0.92 ± 4.302653 · 0.02 / √3 = 0.92 ± 0.0496827542…
        Assert.Equal(0.870317245764993, s.Ci95Low!.Value, 10);
        Assert.Equal(0.969682754235007, s.Ci95High!.Value, 10);
        Assert.Equal(0.90, s.Min);
        Assert.Equal(0.94, s.Max);
    }

    [Fact]
    public void Summary_of_one_value_has_no_spread_and_of_none_nothing()
    {
        var one = SweepStatistics.Summarize([0.5]);
        Assert.Equal(new SampleSummary(1, 0.5, null, null, null, 0.5, 0.5), one);
        Assert.Equal(new SampleSummary(0, null, null, null, null, null, null), SweepStatistics.Summarize([]));
        Assert.Null(SweepStatistics.SampleStd([3.0]));
        Assert.Throws<ArgumentException>(() => SweepStatistics.Mean([]));
    }

    [Fact]
    public void Sample_std_divides_by_n_minus_one()
    {
        // mean 5, squared deviations 9+1+1+9 = 20, / 3
        Assert.Equal(Math.Sqrt(20.0 / 3), SweepStatistics.SampleStd([2.0, 4, 6, 8])!.Value, 14);
    }

    [Fact]
    public void Welch_with_unequal_sizes()
    {
        // a: mean 2.5, s² 5/3, n 4; b: mean 4, s² 4, n 3. se² = 5/12 + 4/3 = 1.75,
        // dof = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.2347188264…
        var d = SweepStatistics.WelchDifference([1.0, 2, 3, 4], [2.0, 4, 6]);
        Assert.Equal(SweepStatistics.Welch, d.Method);
        Assert.Equal(-1.5, d.Mean, 14);
        Assert.Equal(3.234718826405868, d.DegreesOfFreedom!.Value, 12);
        Assert.Equal(-5.542327954923027, d.Ci95Low!.Value, 9);
        Assert.Equal(2.542327954923027, d.Ci95High!.Value, 9);
    }

    [Fact]
    public void Welch_without_variance_collapses_to_the_difference()
    {
        var d = SweepStatistics.WelchDifference([1.0, 1.0], [0.5, 0.5, 0.5]);
        Assert.Equal(new DifferenceEstimate(SweepStatistics.Welch, 0.5, 0.5, 0.5, null), d);
    }

    [Fact]
    public void Paired_uses_the_per_pair_differences()
    {
        // differences 0.01, 0.02, 0.02: mean 0.0166…, std 0.0057735…, ± 4.302653 · 0.0057735 / √3
        var d = SweepStatistics.PairedDifference([0.90, 0.92, 0.94], [0.89, 0.90, 0.92]);
        Assert.Equal(SweepStatistics.Paired, d.Method);
        Assert.Equal(0.05 / 3, d.Mean, 14);
        Assert.Equal(2, d.DegreesOfFreedom);
        Assert.Equal(0.00232449090083512, d.Ci95Low!.Value, 10);
        Assert.Equal(0.0310088424324982, d.Ci95High!.Value, 10);
        Assert.Throws<ArgumentException>(() => SweepStatistics.PairedDifference([1.0, 2], [1.0]));
    }

    [Fact]
    public void Single_has_no_interval()
    {
        var d = SweepStatistics.SingleDifference([0.9], [0.8, 0.7]);
        Assert.Equal(SweepStatistics.Single, d.Method);
        Assert.Equal(0.15, d.Mean, 14);
        Assert.Null(d.Ci95Low);
        Assert.Null(d.Ci95High);
    }

    [Fact]
    public void Jensen_Shannon_in_bits()
    {
        Assert.Equal(0, SweepStatistics.JensenShannonBits([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 15);
        Assert.Equal(1, SweepStatistics.JensenShannonBits([1.0, 0, 0], [0.0, 0, 1]), 15);
        // (½,½) vs (1,0): H(¾,¼) − ½·1 = 0.3112781244591…
        Assert.Equal(0.311278124459133, SweepStatistics.JensenShannonBits([0.5, 0.5], [1.0, 0]), 13);
        // unnormalised counts are normalised first
        Assert.Equal(0.311278124459133, SweepStatistics.JensenShannonBits([2.0, 2], [3.0, 0]), 13);
        Assert.Throws<ArgumentException>(() => SweepStatistics.JensenShannonBits([1.0], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => SweepStatistics.JensenShannonBits([0.0, 0], [0.5, 0.5]));
    }

    [Fact]
    public void Difference_method_is_chosen_by_seeds_and_sizes()
    {
        var a = Cell("a", (1, 0.90), (2, 0.92), (3, 0.94));
        var paired = CellComparison.Compute(a, Cell("b", (3, 0.92), (1, 0.89), (2, 0.90)), chosen: true);
        Assert.Equal(SweepStatistics.Paired, paired.Method);
        Assert.Equal(0.05 / 3, paired.Difference!.Value, 14); // paired by seed, not by position
        Assert.Equal(0.00232449090083512, paired.CiLow!.Value, 10);
        Assert.Equal(SweepStatistics.Welch, CellComparison.Compute(a, Cell("b", (1, 0.89), (2, 0.90), (4, 0.92)), true).Method);
        Assert.Equal(SweepStatistics.Welch, CellComparison.Compute(a, Cell("b", (1, 0.8), (2, 0.9)), true).Method);
        var single = CellComparison.Compute(a, Cell("b", (1, 0.8)), true);
        Assert.Equal(SweepStatistics.Single, single.Method);
        Assert.Equal(0.12, single.Difference!.Value, 14);
        Assert.Null(single.P);
        Assert.Equal(CellComparison.NotTested, single.Verdict);
    }

    private static CellData Cell(string key, params (int Seed, double Test)[] runs)
    {
        var cell = new CellData(key, "setting", key == "a" ? null : "relu", []);
        foreach (var (seed, test) in runs)
            cell.Add(new RunOutcome($"{key}{seed}", seed, RunStatus.Done, null, 5, null, 4, test, test, 0.3, 0.3, 0.2, 1, null, 1, null, ["relu"], [[4]]));
        return cell;
    }
}
