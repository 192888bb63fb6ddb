using StackExchange.Redis;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Checkpoints as Redis strings, readable by every silo of a cluster. A save is one SET of the whole checkpoint, so a
/// reader sees the old or the new one, never half of each; it is durable as Redis is (its persistence settings). Its
/// budget is Redis's own <c>maxmemory</c>, so <see cref="EnsureRoom"/> checks nothing here.
/// </summary>
/// <param name="prefix">Where its keys start; the silo puts its cluster's service id in it.</param>
public sealed class RedisCheckpointStore(IConnectionMultiplexer redis, string prefix) : ICheckpointStore
{
    private IDatabase Database => redis.GetDatabase();

    public void Save(string runKey, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        Database.StringSet(Key(runKey), buffer.ToArray());
    }

    public void Flush(string runKey) { } // a save returns once Redis has it

    public Stream? Open(string runKey)
    {
        byte[]? bytes = Database.StringGet(Key(runKey));
        return bytes is null ? null : new MemoryStream(bytes, writable: false);
    }

    public void Delete(string runKey) => Database.KeyDelete(Key(runKey));

    public void EnsureRoom(string runKey, long bytes) { }

    public string Describe(string runKey) => $"Redis key {Key(runKey)}";

    private RedisKey Key(string runKey) => prefix + CheckpointKeys.Check(runKey);
}
