using SmartMixed.Grains.Runs;
using SmartMixed.Training.Data;

namespace SmartMixed.Sweep.Tests.Runs;

public sealed class DatasetCacheTests
{
    private static readonly DataSpec First = new("synthetic", SplitSeed: 1), Second = new("synthetic", SplitSeed: 2);

    [Fact]
    public void Splits_load_once_are_shared_and_the_least_recently_used_idle_one_goes_when_the_cache_is_full()
    {
        using var cache = new DatasetCache(DataDirectories.FromEnvironment(), capacity: 1);
        var held = cache.Acquire(First);
        using (var again = cache.Acquire(First))
            Assert.Same(held.Data, again.Data); // one copy for every run that uses it

        var second = cache.Acquire(Second);
        Assert.Equal(2, cache.Loaded); // over capacity while both are in use: nothing in use is dropped
        second.Dispose();
        Assert.Equal(1, cache.Loaded); // the idle one goes at once, the cache being over capacity
        held.Dispose();
        Assert.Equal(1, cache.Loaded); // within capacity: kept for the next run

        using (var kept = cache.Acquire(First))
            Assert.Same(held.Data, kept.Data);
        using var other = cache.Acquire(Second);
        Assert.Equal(1, cache.Loaded); // the least recently used idle split made room
        Assert.Equal(Second, other.Spec);
    }
}
