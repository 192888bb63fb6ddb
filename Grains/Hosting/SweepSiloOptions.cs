namespace SmartMixed.Grains.Hosting;

/// <summary>
/// Settings of a silo that runs sweeps, bound from the configuration section <see cref="Section"/>
/// (appsettings.json, environment <c>SmartMixed__Slots=4</c>, or the command line).
/// </summary>
public sealed class SweepSiloOptions
{
    public const string Section = "SmartMixed";

    /// <summary>Concurrent trainings on this silo; 0 means one per core.</summary>
    public int Slots { get; set; }

    /// <summary>Where the embedded SQLite store and the checkpoint directory live; default: the user's data directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Grain state store: sqlite (single machine), redis (cluster) or memory (tests, nothing durable).</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Checkpoint store: directory (default; a shared directory on a cluster) or redis.</summary>
    public string Checkpoints { get; set; } = "directory";

    /// <summary>Redis connection string for storage, checkpoints, clustering and reminders (from configuration or environment).</summary>
    public string? Redis { get; set; }

    /// <summary>Save a run's full training state every this many epochs.</summary>
    public int CheckpointEvery { get; set; } = 1;

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

    /// <summary>How long a reserved slot waits for its run grain to claim it.</summary>
    public TimeSpan SlotReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int EffectiveSlots => Slots > 0 ? Slots : Environment.ProcessorCount;

    public string EffectiveDataDirectory => DataDirectory is { Length: > 0 } d ? d : DefaultDataDirectory();

    public static string DefaultDataDirectory()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "smartmixed");
    }
}
