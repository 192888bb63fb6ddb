using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

public sealed class StratifiedSplitTests
{
    // Uneven classes, labels not contiguous (no class 3), rows interleaved.
    private static readonly int[] Labels = BuildLabels(new Dictionary<int, int> { [0] = 50, [1] = 31, [2] = 7, [4] = 100, [5] = 1, [9] = 12 });

    private static int[] BuildLabels(Dictionary<int, int> sizes)
    {
        var labels = sizes.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).ToArray();
        new Random(5).Shuffle(labels);
        return labels;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Each_class_keeps_its_share_within_one_sample(double fraction)
    {
        var (first, second) = StratifiedSplit.Split(Labels, fraction, seed: 42);

        foreach (var group in Labels.GroupBy(l => l))
        {
            int inSecond = second.Count(i => Labels[i] == group.Key);
            Assert.InRange(inSecond, fraction * group.Count() - 1, fraction * group.Count() + 1);
            Assert.Equal(group.Count(), inSecond + first.Count(i => Labels[i] == group.Key));
        }
    }

    [Fact]
    public void Parts_are_disjoint_complete_and_sorted()
    {
        var (first, second) = StratifiedSplit.Split(Labels, 0.3, seed: 1);

        Assert.Empty(first.Intersect(second));
        Assert.Equal(Enumerable.Range(0, Labels.Length), first.Concat(second).Order());
        Assert.Equal(first.Order(), first);
        Assert.Equal(second.Order(), second);
    }

    [Fact]
    public void Same_seed_same_split_other_seed_other_split()
    {
        var a = StratifiedSplit.Split(Labels, 0.2, seed: 42);
        var b = StratifiedSplit.Split(Labels, 0.2, seed: 42);
        var c = StratifiedSplit.Split(Labels, 0.2, seed: 43);

        Assert.Equal(a.First, b.First);
        Assert.Equal(a.Second, b.Second);
        Assert.NotEqual(a.Second, c.Second);
        Assert.Equal(a.Second.Length, c.Second.Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Fraction_outside_the_open_unit_interval_is_rejected(double fraction)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(Labels, fraction, 0));
        Assert.Contains("strictly between 0 and 1", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(77)]
    [InlineData(200)]
    public void Split_by_count_gives_exactly_that_many_with_each_class_at_its_share(int count)
    {
        var (first, second) = StratifiedSplit.SplitCount(Labels, count, seed: 7);

        Assert.Equal(count, second.Length);
        Assert.Equal(Labels.Length - count, first.Length);
        Assert.Empty(first.Intersect(second));
        foreach (var group in Labels.GroupBy(l => l))
        {
            double share = (double)count * group.Count() / Labels.Length;
            Assert.InRange(second.Count(i => Labels[i] == group.Key), Math.Floor(share), Math.Ceiling(share));
        }
    }

    [Fact]
    public void Split_by_count_rejects_impossible_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.SplitCount(Labels, Labels.Length + 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.SplitCount(Labels, -1, 0));
    }
}
