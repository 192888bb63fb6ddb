using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Failover;

/// <summary>Silo processes of one Redis-membership cluster on loopback, with a temporary directory for their files.</summary>
public sealed class ProcessCluster : IDisposable
{
    private readonly List<IDisposable> _cleanup = [];
    private int _silos;

    public ProcessCluster(RedisServer redis, string name)
    {
        Redis = redis;
        _cleanup.Add(redis);
        Id = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";
        Directory = System.IO.Directory.CreateTempSubdirectory($"smartmixed-{name}-");
    }

    public RedisServer Redis { get; }
    public string Id { get; }
    public DirectoryInfo Directory { get; }

    /// <summary>A file only its owner can read, as a mounted secret is.</summary>
    public string SecretFile(string name, string content)
    {
        var path = Path.Combine(Directory.FullName, name);
        File.WriteAllText(path, content + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>The settings of the next silo: Redis for membership, state and checkpoints, its own ports and data directory.</summary>
    public Dictionary<string, string> SiloSettings(IReadOnlyDictionary<string, string>? extra = null)
    {
        int i = _silos++;
        var settings = new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "redis",
            ["Cluster__Redis"] = Redis.ConnectionString,
            ["Cluster__ClusterId"] = Id,
            ["Cluster__ServiceId"] = Id,
            ["Cluster__SiloPort"] = RedisServer.FreePort().ToString(),
            ["Cluster__GatewayPort"] = RedisServer.FreePort().ToString(),
            ["Cluster__FastFailover"] = "true",
            ["SmartMixed__Storage"] = "redis",
            ["SmartMixed__Checkpoints"] = "redis",
            ["SmartMixed__Slots"] = "1",
            ["SmartMixed__DataDirectory"] = Path.Combine(Directory.FullName, $"silo-{i}"),
            ["SmartMixed__PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public SiloProcess Start(IReadOnlyDictionary<string, string> settings) => Track(SiloProcess.Start($"silo-{_silos}", settings, LogPath()));

    public SiloProcess Launch(IReadOnlyDictionary<string, string> settings) => Track(SiloProcess.Launch($"silo-{_silos}", settings, LogPath()));

    /// <summary>The client's flags for this cluster.</summary>
    public string[] ClientFlags(params string[] extra) =>
        ["--redis", Redis.ConnectionString, "--cluster-id", Id, "--service-id", Id, "--connect-timeout", "5", .. extra];

    private string LogPath() => Path.Combine(Directory.FullName, $"silo-{_silos}-{Guid.NewGuid():N}.log");

    private T Track<T>(T item) where T : IDisposable
    {
        _cleanup.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup)) item.Dispose();
        try { Directory.Delete(recursive: true); } catch (IOException) { }
    }
}
