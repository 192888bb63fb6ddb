using System.Runtime.Intrinsics;
using SmartMixed.Training.Model;

namespace SmartMixed.Training.Tests.Model;

public class CounterNoiseTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(511u)]
    [InlineData(0xFFFF_FE00u)]
    [InlineData(uint.MaxValue)]
    public void The_extreme_hashes_give_uniforms_strictly_inside_0_1_and_finite_gumbel_noise(uint h)
    {
        float u = CounterNoise.FromBits(h);
        Assert.InRange(u, float.Epsilon, 1f);
        Assert.True(u < 1f, $"u = {u:R} for hash {h:X8}");
        var vector = CounterNoise.FromBits(Vector256.Create(h));
        Assert.Equal(u, vector[0]);
        var gumbel = -Vector256.Log(-Vector256.Log(vector));
        Assert.True(float.IsFinite(gumbel[0]), $"Gumbel noise {gumbel[0]} for hash {h:X8}");
    }

    [Fact]
    public void Vector_draws_equal_scalar_draws_and_look_uniform()
    {
        var (k0, k1) = new NoiseStream(42).NextCall();
        const int draws = 80_000;
        double sum = 0, sumSquares = 0;
        var bins = new int[10];
        for (uint n = 0; n < draws; n += 8)
        {
            var v = CounterNoise.Uniform(k0, k1, Vector256.Create(n) + Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7));
            for (int lane = 0; lane < 8; lane++)
            {
                float u = CounterNoise.Uniform(k0, k1, n + (uint)lane);
                Assert.Equal(u, v[lane]);
                sum += u;
                sumSquares += u * u;
                bins[(int)(u * 10)]++;
            }
        }
        Assert.InRange(sum / draws, 0.497, 0.503);            // mean ½, standard error 0.001
        Assert.InRange(sumSquares / draws, 0.330, 0.337);     // E[U²] = ⅓
        Assert.All(bins, b => Assert.InRange(b, 7_700, 8_300)); // 8,000 expected per tenth, sd ≈ 85
    }

    [Fact]
    public void Calls_and_streams_draw_unrelated_noise()
    {
        var stream = new NoiseStream(7);
        var first = stream.NextCall();
        var second = stream.NextCall();
        var other = new NoiseStream(8).NextCall();
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(first, new NoiseStream(7).NextCall());
        int same = Enumerable.Range(0, 1000).Count(i =>
            CounterNoise.Uniform(first.K0, first.K1, (uint)i) == CounterNoise.Uniform(second.K0, second.K1, (uint)i));
        Assert.True(same < 3, $"{same} of 1,000 draws repeat between two calls");
    }
}
