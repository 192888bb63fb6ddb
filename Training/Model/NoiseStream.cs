namespace SmartMixed.Training.Model;

/// <summary>
/// The Gumbel noise of a stretch of training or evaluation (the trainer opens one per epoch from the run's seed):
/// each forward pass of a selecting layer takes the next call key, and all of its draws are counter-based
/// functions of that key (<see cref="CounterNoise"/>). Same seed and same sequence of calls → same noise.
/// </summary>
public sealed class NoiseStream
{
    private ulong _key;
    private long _calls;

    public NoiseStream(long key) => Reset(key);

    /// <summary>Starts the stream over from <paramref name="key"/>.</summary>
    public void Reset(long key)
    {
        _key = (ulong)key;
        _calls = 0;
    }

    internal (uint K0, uint K1) NextCall() => CounterNoise.CallKey(_key, _calls++);

    /// <summary>Forward passes that drew from this stream since it was last reset.</summary>
    internal long Calls => _calls;
}
