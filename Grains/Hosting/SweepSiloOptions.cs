namespace SmartMixed.Grains.Hosting;

/// <summary>
/// Settings of a silo that runs sweeps, bound from the configuration section <see cref="Section"/>
/// (appsettings.json, environment <c>SmartMixed__Slots=4</c>, or the command line) and checked at start by
/// <see cref="SweepSiloOptionsValidator"/>.
/// </summary>
public sealed class SweepSiloOptions
{
    public const string Section = "SmartMixed";

    /// <summary>Concurrent trainings on this silo; 0 means one per core.</summary>
    public int Slots { get; set; }

    /// <summary>Whether this silo trains at all. A silo hosted only to read or change a local store (status, export, cancel) does not.</summary>
    public bool Train { get; set; } = true;

    /// <summary>Where the embedded SQLite store, the checkpoint directory and the logs live; default: the user's data directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Grain state store: sqlite (single machine), redis (cluster) or memory (tests, nothing durable).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Checkpoint store: directory (default; a shared directory on a cluster) or redis.</summary>
    public string Checkpoints { get; set; } = "directory";

    /// <summary>Redis connection string for storage, checkpoints and clustering (from configuration or environment).</summary>
    public string? Redis { get; set; }

    /// <summary>A file holding the password of that Redis (default: <c>Cluster:RedisPasswordFile</c>).</summary>
    public string? RedisPasswordFile { get; set; }

    /// <summary>The checkpoint directory's budget in GiB; a checkpoint that would exceed it is refused with a clear error.</summary>
    public double CheckpointBudgetGB { get; set; } = 20;

    /// <summary>How many data splits stay loaded at once (least recently used ones that no run holds are dropped).</summary>
    public int DatasetCacheSize { get; set; } = 2;

    /// <summary>How often a run that failed with an exception is tried in all (divergence is never retried).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// When set, this silo works only on these sweeps (the one-command local run hosts a silo for its own sweep,
    /// not for every sweep left active in the same data directory).
    /// </summary>
    public string[]? OnlySweeps { get; set; }

    /// <summary>How often an idle silo asks its sweeps for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a sweep checks that its running runs still live on an active silo.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a reserved slot waits for its run grain to claim it (and a lease may stay silent before it is checked).</summary>
    public TimeSpan SlotReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When the silo stops gracefully, how long its trainings may take to finish the epoch in flight and save.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    public int EffectiveSlots => Slots > 0 ? Slots : Environment.ProcessorCount;

    public string EffectiveDataDirectory => DataDirectory is { Length: > 0 } d ? d : DefaultDataDirectory();

    public long CheckpointBudgetBytes => (long)Math.Min(long.MaxValue / 2.0, CheckpointBudgetGB * (1L << 30));

    public static string DefaultDataDirectory()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "smartmixed");
    }
}
