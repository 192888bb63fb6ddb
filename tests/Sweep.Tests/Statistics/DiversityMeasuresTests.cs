using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// References: SciPy 1.10.1, scipy.stats.entropy(counts, base=2) and scipy.spatial.distance.jensenshannon(p, q, base=2)**2
// (SciPy returns the JS distance, the square root of the divergence); all in References/diversity.py.
public class DiversityMeasuresTests
{
    private static readonly double[] A = [10, 5, 3, 2, 0, 1];
    private static readonly double[] B = [2, 2, 6, 1, 4, 0];

    [Fact]
    public void Entropy_and_effective_number_match_SciPy()
    {
        // entropy([10,5,3,2,0,1], base=2) → 1.935945569184765; 2**that → 3.826288269274263
        StatAssert.Near(1.935945569184765, DiversityMeasures.EntropyBits(A), 1e-14);
        StatAssert.Near(3.826288269274263, DiversityMeasures.EffectiveNumber(A), 1e-13);
        // entropy([1,1,1,1], base=2) → 2.0: four equal candidates are four effective ones
        StatAssert.Near(2.0, DiversityMeasures.EntropyBits([1.0, 1, 1, 1]), 1e-15);
        StatAssert.Near(4.0, DiversityMeasures.EffectiveNumber([1.0, 1, 1, 1]), 1e-14);
        Assert.Equal(0, DiversityMeasures.EntropyBits([0.0, 7, 0]));
        Assert.Equal(1, DiversityMeasures.EffectiveNumber([0.0, 7, 0]));
    }

    [Fact]
    public void Jensen_Shannon_matches_SciPy()
    {
        // jensenshannon([10,5,3,2,0,1], [2,2,6,1,4,0], base=2)**2 → 0.2893062976216957
        StatAssert.Near(0.2893062976216957, DiversityMeasures.JensenShannonBits(A, B), 1e-14);
        // jensenshannon([0.5,0.5], [1,0], base=2)**2 → 0.3112781244591328
        StatAssert.Near(0.3112781244591328, DiversityMeasures.JensenShannonBits([0.5, 0.5], [1.0, 0]), 1e-15);
        Assert.Equal(0, DiversityMeasures.JensenShannonBits(A, A));
        Assert.Equal(1, DiversityMeasures.JensenShannonBits([1.0, 0], [0.0, 3]));
    }

    [Fact]
    public void Pooled_and_mean_entropy_match_SciPy()
    {
        // entropy([12, 7, 9, 3, 4, 1], base=2) → 2.282279252047829
        StatAssert.Near(2.282279252047829, DiversityMeasures.PooledEntropyBits([A, B]), 1e-14);
        Assert.Equal([12.0, 7, 9, 3, 4, 1], DiversityMeasures.Pool([A, B]));
        // (entropy(A, base=2) + entropy(B, base=2)) / 2 → 2.0044255822524106
        StatAssert.Near(2.0044255822524106, DiversityMeasures.MeanEntropyBits([A, B]), 1e-14);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>(() => DiversityMeasures.EntropyBits([]));
        Assert.Throws<ArgumentException>(() => DiversityMeasures.EntropyBits([0.0, 0]));
        var negative = Assert.Throws<ArgumentException>(() => DiversityMeasures.EntropyBits([1.0, -1]));
        Assert.Contains("counts[1]", negative.Message);
        Assert.Throws<ArgumentException>(() => DiversityMeasures.EntropyBits([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => DiversityMeasures.JensenShannonBits([1.0], [1.0, 1]));
        Assert.Throws<ArgumentException>(() => DiversityMeasures.Pool([A, [1.0]]));
        Assert.Throws<ArgumentException>(() => DiversityMeasures.Pool([]));
        Assert.Throws<ArgumentException>(() => DiversityMeasures.MeanEntropyBits([]));
    }
}
