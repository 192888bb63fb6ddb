using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Failover;

/// <summary>
/// A durable store every silo of a test cluster shares, so state outlives a killed silo: the SQLite file with a
/// checkpoint directory (single machine), or Redis for both (cluster). Storage-backed tests run over each.
/// </summary>
public sealed class SharedStore : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-store-");
    private readonly RedisServer? _redis;

    public SharedStore(string kind)
    {
        Kind = kind;
        if (kind == "redis") _redis = RedisServer.Start();
    }

    public string Kind { get; }
    public string DataDirectory => _directory.FullName;

    public SweepSiloOptions SiloOptions(int slots) => new()
    {
        Storage = Kind,
        Checkpoints = Kind == "redis" ? "redis" : "directory",
        Redis = _redis?.ConnectionString,
        Slots = slots,
        DataDirectory = _directory.FullName,
        PollInterval = TimeSpan.FromMilliseconds(100),
        WatchdogInterval = TimeSpan.FromSeconds(1),
        SlotReservationTimeout = TimeSpan.FromSeconds(5),
    };

    public void Dispose()
    {
        _redis?.Dispose();
        try { _directory.Delete(recursive: true); } catch (IOException) { }
    }

    public static TheoryData<string> Kinds => new() { "sqlite", "redis" };
}
