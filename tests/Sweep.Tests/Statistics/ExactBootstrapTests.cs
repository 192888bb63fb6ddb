using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

public class ExactBootstrapTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 10)]
    [InlineData(5, 126)]
    [InlineData(7, 1716)]
    public void Distinct_resamples_are_multisets(int n, long count) => Assert.Equal(count, Bootstrap.Multisets(n));

    [Fact]
    public void The_exact_distribution_of_the_mean_of_three_values_by_hand()
    {
        // Items 0, 1, 2: the 27 ordered resamples' means, by multiset. P(mean = 0) = P(mean = 2) = 1/27 = 3.7 %, so the 2.5 %
        // and 97.5 % quantiles are 0 and 2; the bootstrap variance of the mean is σ²/n with σ² the population variance
        // of the items (2/3), i.e. 2/9.
        var interval = Bootstrap.ExactOrSampled([0.0, 1.0, 2.0], s => s.Average(), seed: 1, resamples: 2000);
        Assert.Equal(10, interval.Resamples);
        Assert.Equal(0, interval.Low);
        Assert.Equal(2, interval.High);
        Assert.Equal(Math.Sqrt(2.0 / 9), interval.StandardError, 12);
        Assert.StartsWith("exact", interval.Note);

        // At 90 %: P(mean ≤ 1/3) = 1/27 + 3/27 = 4/27 = 14.8 % ≥ 5 %, P(mean = 0) = 3.7 % < 5 %: the 5 % quantile is 1/3.
        var ninety = Bootstrap.ExactOrSampled([0.0, 1.0, 2.0], s => s.Average(), seed: 1, resamples: 2000, confidenceLevel: 0.9);
        Assert.Equal(1.0 / 3, ninety.Low, 12);
        Assert.Equal(5.0 / 3, ninety.High, 12);
    }

    [Fact]
    public void Many_resamples_approach_the_exact_interval_and_a_large_sample_is_sampled()
    {
        double[] items = [0.3, 1.9, 0.4, 2.5, 1.1];
        var exact = Bootstrap.ExactOrSampled(items, s => s.Average(), seed: 7, resamples: 2000);
        var sampled = Bootstrap.Percentile(items, s => s.Average(), seed: 7, resamples: 200_000);
        Assert.Equal(126, exact.Resamples);
        Assert.InRange(sampled.Low - exact.Low, -0.05, 0.05);
        Assert.InRange(sampled.High - exact.High, -0.05, 0.05);
        Assert.Equal(sampled.StandardError, exact.StandardError, 2);

        var large = Enumerable.Range(0, 12).Select(i => (double)i).ToArray(); // C(23, 12) distinct resamples: sampled
        var interval = Bootstrap.ExactOrSampled(large, s => s.Average(), seed: 7, resamples: 2000);
        Assert.Equal(2000, interval.Resamples);
        Assert.Null(interval.Note);
    }
}
