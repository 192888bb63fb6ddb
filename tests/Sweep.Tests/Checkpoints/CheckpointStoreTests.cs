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
        Exercise(new RedisCheckpointStore(connection, "smartmixed/service-a/checkpoints/"));

        // Another cluster's store on the same Redis sees none of them.
        var mine = new RedisCheckpointStore(connection, "smartmixed/service-a/checkpoints/");
        var theirs = new RedisCheckpointStore(connection, "smartmixed/service-b/checkpoints/");
        mine.Save("sweep-1/0123456789abcdef", s => s.WriteByte(7));
        Assert.Null(theirs.Open("sweep-1/0123456789abcdef"));
        Assert.Equal([7], Read(mine.Open("sweep-1/0123456789abcdef")));
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

    [Fact]
    public void The_directory_store_refuses_a_checkpoint_beyond_its_budget_and_counts_what_is_already_there()
    {
        const string a = "sweep-1/000000000000000a", b = "sweep-1/000000000000000b";
        var store = new DirectoryCheckpointStore(_directory.FullName, budgetBytes: 1000);
        store.Save(a, s => s.Write(new byte[600]));
        store.Save(a, s => s.Write(new byte[700])); // replacing a run's own checkpoint counts only the difference
        store.Flush(a);
        Assert.Equal(700, store.UsedBytes);
        var full = Assert.Throws<CheckpointBudgetExceededException>(() => store.Save(b, s => s.Write(new byte[400])));
        Assert.Contains(_directory.FullName, full.Message);
        Assert.Contains("SmartMixed:CheckpointBudgetGB", full.Message);
        Assert.Throws<CheckpointBudgetExceededException>(() => store.EnsureRoom(b, 301));
        store.EnsureRoom(b, 300);

        // A new store on the same directory (a silo started again) counts the checkpoints it finds.
        var again = new DirectoryCheckpointStore(_directory.FullName, budgetBytes: 1000);
        Assert.Equal(700, again.UsedBytes);
        again.Delete(a);
        Assert.Equal(0, again.UsedBytes);
        again.Save(b, s => s.Write(new byte[400]));
        again.Flush(b);
        Assert.Equal(400, again.UsedBytes);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
