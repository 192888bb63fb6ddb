using System.Diagnostics;
using SmartMixed.Training.Data;
using Xunit.Abstractions;

namespace SmartMixed.Training.Tests.Data;

public sealed class SyntheticSourceTests(ITestOutputHelper output)
{
    [Fact]
    public void Shapes_ranges_and_balance()
    {
        var (pool, test) = SyntheticSource.Generate();

        Assert.Equal((3_000, 1_000), (pool.Count, test.Count));
        Assert.Equal((64, 10), (pool.FeatureCount, pool.ClassCount));
        Assert.All(pool.Features, v => Assert.InRange(v, 0f, 1f));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(300, pool.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(100, test.Labels.Count(l => l == c)));
    }

    [Fact]
    public void Deterministic_and_fast()
    {
        var first = SyntheticSource.Generate();
        var second = SyntheticSource.Generate();
        // Best of three, so a busy test machine does not fail it.
        var fastest = Enumerable.Range(0, 3).Min(_ =>
        {
            var watch = Stopwatch.StartNew();
            SyntheticSource.Generate();
            return watch.Elapsed;
        });

        Assert.Equal(first.Pool.Features, second.Pool.Features);
        Assert.Equal(first.Test.Features, second.Test.Features);
        Assert.Equal(first.Pool.Labels, second.Pool.Labels);
        output.WriteLine($"generated in {fastest.TotalMilliseconds:F1} ms");
        Assert.True(fastest < TimeSpan.FromMilliseconds(100), $"took {fastest.TotalMilliseconds} ms");
    }

    [Fact]
    public void Needs_a_nonlinear_model_and_is_learnable()
    {
        // Every class has the same mean (mirrored clusters), so a nearest-class-mean rule is near chance,
        // while the nearest training sample (a non-linear rule) mostly finds the right class.
        var (pool, test) = SyntheticSource.Generate();
        var means = new double[10, 64];
        var counts = new int[10];
        for (int i = 0; i < pool.Count; i++)
        {
            counts[pool.Labels[i]]++;
            for (int f = 0; f < 64; f++) means[pool.Labels[i], f] += pool.Features[i * 64 + f];
        }
        // 300 test samples keep the brute-force neighbour search well under a second.
        const int checkedSamples = 300;
        int byMean = 0, byNeighbour = 0;
        for (int i = 0; i < checkedSamples; i++)
        {
            var sample = test.Features[(i * 64)..((i + 1) * 64)];
            int bestClass = Enumerable.Range(0, 10).MinBy(c =>
            {
                double distance = 0;
                for (int f = 0; f < 64; f++) distance += Math.Pow(sample[f] - means[c, f] / counts[c], 2);
                return distance;
            });
            int nearest = 0;
            float nearestDistance = float.MaxValue;
            for (int j = 0; j < pool.Count; j++)
            {
                var other = pool.Features.AsSpan(j * 64, 64);
                float distance = 0;
                for (int f = 0; f < 64; f++) distance += (sample[f] - other[f]) * (sample[f] - other[f]);
                if (distance < nearestDistance) (nearest, nearestDistance) = (j, distance);
            }
            if (bestClass == test.Labels[i]) byMean++;
            if (pool.Labels[nearest] == test.Labels[i]) byNeighbour++;
        }
        double meanAccuracy = byMean / (double)checkedSamples, neighbourAccuracy = byNeighbour / (double)checkedSamples;
        output.WriteLine($"test accuracy: nearest class mean {meanAccuracy:P1}, nearest neighbour {neighbourAccuracy:P1}");
        Assert.InRange(meanAccuracy, 0.0, 0.4);
        Assert.InRange(neighbourAccuracy, 0.7, 1.0);
    }
}
