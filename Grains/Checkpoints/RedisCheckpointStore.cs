using StackExchange.Redis;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Checkpoints as Redis strings, readable by every silo of a cluster. A save is one SET of the whole
/// checkpoint, so a reader sees the old or the new one, never half of each.
/// </summary>
public sealed class RedisCheckpointStore(IConnectionMultiplexer redis, string prefix = "smartmixed/checkpoints/") : ICheckpointStore
{
    private IDatabase Database => redis.GetDatabase();

    public void Save(string runKey, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        Database.StringSet(Key(runKey), buffer.ToArray());
    }

    public Stream? Open(string runKey)
    {
        byte[]? bytes = Database.StringGet(Key(runKey));
        return bytes is null ? null : new MemoryStream(bytes, writable: false);
    }

    public void Delete(string runKey) => Database.KeyDelete(Key(runKey));

    private RedisKey Key(string runKey) => prefix + CheckpointKeys.Check(runKey);
}
