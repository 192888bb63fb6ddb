using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

public class BootstrapTests
{
    // numpy 1.24: [round(v, 6) for v in np.random.default_rng(12345).normal(0.9, 0.02, 50)]
    private static readonly double[] Sample =
    [
        0.871523, 0.925275, 0.882587, 0.894817, 0.898493, 0.885182, 0.872644, 0.912978, 0.907221, 0.860943,
        0.946948, 0.91937, 0.884812, 0.918044, 0.890661, 0.898786, 0.915777, 0.874867, 0.911517, 0.92798,
        0.926446, 0.894006, 0.918058, 0.867568, 0.896836, 0.90899, 0.873128, 0.898366, 0.934495, 0.952363,
        0.915547, 0.916573, 0.88082, 0.875812, 0.871754, 0.910831, 0.915039, 0.886825, 0.875427, 0.905151,
        0.906258, 0.897384, 0.9254, 0.898141, 0.898677, 0.877836, 0.902719, 0.926942, 0.901223, 0.901418,
    ];

    // Left-to-right sum, the same order as the Python reference's sum(s) / len(s).
    private static double Mean(IReadOnlyList<double> s)
    {
        double sum = 0;
        for (int i = 0; i < s.Count; i++) sum += s[i];
        return sum / s.Count;
    }

    [Fact]
    public void Interval_matches_an_independent_transcription_of_the_specified_algorithm()
    {
        // References/bootstrap_ref.py, written separately in Python (xoshiro256** + SplitMix64 seeding on Python ints,
        // Lemire bounded draws, np.percentile linear): boot(sample, mean, seed=7, B=2000)
        //   → estimate 0.9012091600000002, low 0.8951936820000004, high 0.9071260514999997, sd 0.003014092501121849
        var r = Bootstrap.Percentile(Sample, Mean, seed: 7, resamples: 2000);
        Assert.Equal(50, r.N);
        Assert.Equal(0.9012091600000002, r.Estimate, 15);
        StatAssert.Near(0.8951936820000004, r.Low, 1e-14);
        StatAssert.Near(0.9071260514999997, r.High, 1e-14);
        StatAssert.Near(0.003014092501121849, r.StandardError, 1e-15);
        Assert.Equal(2000, r.Resamples);
        Assert.Equal(7, r.Seed);
        Assert.Null(r.Note);

        // boot(sample, mean, seed=-3, B=10000) → low 0.8954880740000001, high 0.906849498, sd 0.002923235420276208
        var d = Bootstrap.Percentile(Sample, Mean, seed: -3);
        Assert.Equal(Bootstrap.DefaultResamples, d.Resamples);
        StatAssert.Near(0.8954880740000001, d.Low, 1e-14);
        StatAssert.Near(0.906849498, d.High, 1e-14);
        StatAssert.Near(0.002923235420276208, d.StandardError, 1e-15);

        // boot(sample[:15], np.median, seed=11, B=999, c=0.9) → estimate 0.894817, low 0.884812, high 0.912978
        var median = Bootstrap.Percentile(Sample[..15], s => Median(s), seed: 11, resamples: 999, confidenceLevel: 0.9);
        Assert.Equal(0.894817, median.Estimate);
        Assert.Equal(0.884812, median.Low);
        Assert.Equal(0.912978, median.High);
    }

    [Fact]
    public void Same_seed_same_interval_other_seed_other_interval()
    {
        var a = Bootstrap.Percentile(Sample, Mean, seed: 2024);
        var b = Bootstrap.Percentile(Sample, Mean, seed: 2024);
        var c = Bootstrap.Percentile(Sample, Mean, seed: 2025);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Low, c.Low);
    }

    [Fact]
    public void Interval_of_a_normal_mean_is_close_to_the_t_interval_and_to_SciPy()
    {
        // SciPy 1.10.1: stats.ttest_1samp(sample, 0).confidence_interval(0.95) → [0.8952363444833533, 0.9071819755166468]
        //   stats.bootstrap((sample,), np.mean, method='percentile', n_resamples=10000, random_state=1)
        //     → [0.8955900685, 0.9070625915] (another generator: agreement within Monte-Carlo error only)
        // The percentile interval of a mean is about √((n−1)/n)·z/t ≈ 0.97 times as wide as the t interval.
        var r = Bootstrap.Percentile(Sample, Mean, seed: 99);
        double halfT = (0.9071819755166468 - 0.8952363444833533) / 2;
        Assert.InRange(r.Low, 0.8952363444833533 - 0.03 * halfT, 0.8952363444833533 + 0.12 * halfT);
        Assert.InRange(r.High, 0.9071819755166468 - 0.12 * halfT, 0.9071819755166468 + 0.03 * halfT);
        Assert.InRange(r.Low, 0.8955900685 - 0.05 * halfT, 0.8955900685 + 0.05 * halfT);
        Assert.InRange(r.High, 0.9070625915 - 0.05 * halfT, 0.9070625915 + 0.05 * halfT);
        // Bootstrap se of a mean ≈ sd/√n · √((n−1)/n); sd from the t interval: halfT / t(0.975, 49) · √n.
        double se = halfT / 2.0095752371292397 * Math.Sqrt(49.0 / 50);
        StatAssert.Relative(se, r.StandardError, 0.05);
    }

    [Fact]
    public void One_item_gives_a_point_and_bad_input_is_named()
    {
        var one = Bootstrap.Percentile([0.93], Mean, seed: 1);
        Assert.Equal(0.93, one.Low);
        Assert.Equal(0.93, one.High);
        Assert.Equal(0, one.StandardError);
        Assert.Equal(Bootstrap.OneItem, one.Note);

        Assert.Throws<ArgumentException>(() => Bootstrap.Percentile(Array.Empty<double>(), Mean, seed: 1));
        Assert.Throws<ArgumentException>(() => Bootstrap.Percentile(Sample, Mean, seed: 1, resamples: 1));
        Assert.Throws<ArgumentException>(() => Bootstrap.Percentile(Sample, Mean, seed: 1, confidenceLevel: 0));
        var nan = Assert.Throws<ArgumentException>(() => Bootstrap.Percentile(Sample, s => s[0] > 0.9 ? double.NaN : 0, seed: 1, resamples: 100));
        Assert.Equal("statistic", nan.ParamName);
    }

    [Fact]
    public void Generic_items_are_resampled_whole()
    {
        // Items are count vectors (runs); the statistic pools a resample. Every resample of two identical runs is the same.
        IReadOnlyList<double>[] runs = [[3.0, 1], [3.0, 1]];
        var r = Bootstrap.Percentile(runs, DiversityMeasures.PooledEntropyBits, seed: 5, resamples: 50);
        // −(¾ log₂ ¾ + ¼ log₂ ¼) = 0.8112781244591328 (SciPy: stats.entropy([3, 1], base=2))
        StatAssert.Near(0.8112781244591328, r.Low, 1e-15);
        StatAssert.Near(0.8112781244591328, r.High, 1e-15);
    }

    [Fact]
    public void Quantile_interpolates_like_numpy()
    {
        // np.percentile([1, 2, 4, 8], [0, 10, 50, 95, 100]) → 1.0, 1.3, 3.0, 7.4, 8.0
        double[] v = [1, 2, 4, 8];
        StatAssert.Near(1.0, Bootstrap.Quantile(v, 0), 1e-15);
        StatAssert.Near(1.3, Bootstrap.Quantile(v, 0.10), 1e-15);
        StatAssert.Near(3.0, Bootstrap.Quantile(v, 0.5), 1e-15);
        StatAssert.Near(7.4, Bootstrap.Quantile(v, 0.95), 1e-14);
        StatAssert.Near(8.0, Bootstrap.Quantile(v, 1), 1e-15);
        Assert.Throws<ArgumentException>(() => Bootstrap.Quantile([2.0, 1], 0.5));
    }

    private static double Median(IReadOnlyList<double> s)
    {
        var sorted = s.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
