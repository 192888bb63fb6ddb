using Orleans.Storage;

namespace SmartMixed.Sweep.Tests.Failover;

/// <summary>Wraps a grain storage and makes a share of its writes fail once armed (seeded, so failures repeat).</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, double failureRate, int seed) : IGrainStorage
{
    private readonly Random _random = new(seed);
    private int _failures;

    public volatile bool Armed;

    public int InjectedFailures => Volatile.Read(ref _failures);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        bool fail;
        lock (_random) fail = Armed && _random.NextDouble() < failureRate;
        if (!fail) return inner.WriteStateAsync(stateName, grainId, grainState);
        Interlocked.Increment(ref _failures);
        throw new IOException($"injected write failure ({stateName} of {grainId})");
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
