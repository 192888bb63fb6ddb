using SmartMixed.Grains.Checkpoints;
using SmartMixed.Sweep.Tests.Failover;
using StackExchange.Redis;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-checkpoints-");

    private static byte[] Read(Stream? stream)
    {
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        using (stream) stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void Exercise(ICheckpointStore store)
    {
        const string key = "sweep-1/0123456789abcdef";
        Assert.Null(store.Open(key));
        for (byte i = 1; i <= 20; i++) store.Save(key, s => s.Write([i, i, i]));
        Assert.Equal(new byte[] { 20, 20, 20 }, Read(store.Open(key))); // the latest save wins, saves stay in order
        store.Delete(key);
        Assert.Null(store.Open(key));
        Assert.Throws<ArgumentException>(() => store.Save("../escape/0123456789abcdef", s => s.WriteByte(1)));
    }

    [Fact]
    public void Directory_store_keeps_the_latest_checkpoint_and_deletes_it()
    {
        var store = new DirectoryCheckpointStore(_directory.FullName);
        Exercise(store);
        Assert.Empty(Directory.GetFiles(_directory.FullName, "*", SearchOption.AllDirectories)); // nothing left behind
    }

    [Fact]
    public void Redis_store_keeps_the_latest_checkpoint_and_deletes_it()
    {
        using var redis = RedisServer.Start();
        using var connection = ConnectionMultiplexer.Connect(redis.ConnectionString);
        Exercise(new RedisCheckpointStore(connection));
    }

    [Fact]
    public void A_checkpoint_write_that_failed_in_the_background_surfaces_at_the_next_save()
    {
        var blocked = Path.Combine(_directory.FullName, "not-a-directory");
        File.WriteAllText(blocked, "a file where the store wants a directory");
        var store = new DirectoryCheckpointStore(blocked);
        const string key = "sweep-1/0123456789abcdef";
        store.Save(key, s => s.WriteByte(1));
        Assert.Null(store.Open(key)); // waits for the write, which failed
        var error = Assert.Throws<IOException>(() => store.Save(key, s => s.WriteByte(2)));
        Assert.Contains("could not be written", error.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
