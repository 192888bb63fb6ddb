using SmartMixed.Training.Metrics;

namespace SmartMixed.Training.Tests.Metrics;

public class DiversityTests
{
    [Fact]
    public void One_function_has_no_diversity()
    {
        var d = Diversity.FromCounts([0, 12, 0, 0]);
        Assert.Equal(0, d.EntropyBits, 12);
        Assert.Equal(0, d.NormalizedEntropy, 12);
        Assert.Equal(1, d.EffectiveFunctions, 12);
        Assert.Equal(0, d.GiniSimpson, 12);
        Assert.Equal(1, d.Dominance, 12);
        Assert.Equal(1, d.FunctionsUsed);
    }

    [Fact]
    public void Hand_computed_mixture()
    {
        // Shares 1/2, 1/4, 1/4, 0: H = 1.5 bits, H/log2(4) = 0.75, 2^1.5, 1 − (1/4 + 1/16 + 1/16) = 0.625.
        var d = Diversity.FromCounts([4, 2, 2, 0]);
        Assert.Equal(1.5, d.EntropyBits, 12);
        Assert.Equal(0.75, d.NormalizedEntropy, 12);
        Assert.Equal(Math.Pow(2, 1.5), d.EffectiveFunctions, 12);
        Assert.Equal(0.625, d.GiniSimpson, 12);
        Assert.Equal(0.5, d.Dominance, 12);
        Assert.Equal(3, d.FunctionsUsed);
    }

    [Fact]
    public void Uniform_use_of_the_pool_is_maximal()
    {
        var d = Diversity.FromCounts([5, 5, 5, 5, 5, 5]);
        Assert.Equal(Math.Log2(6), d.EntropyBits, 12);
        Assert.Equal(1, d.NormalizedEntropy, 12);
        Assert.Equal(6, d.EffectiveFunctions, 9);
    }
}
