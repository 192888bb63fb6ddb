namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Where runs keep their latest full training state, readable by every silo that may resume them. One checkpoint
/// per run (key <c>{sweep}/{hash}</c>): saving replaces it atomically, so old ones never pile up. Synchronous by
/// design: it is called from the training thread between epochs.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Replaces the run's checkpoint with what <paramref name="write"/> writes (possibly completing later: see <see cref="Flush"/>).</summary>
    void Save(string runKey, Action<Stream> write);

    /// <summary>Returns once every save of the run so far is durable.</summary>
    void Flush(string runKey);

    /// <summary>The saved checkpoint as a readable stream, or null when the run has none.</summary>
    Stream? Open(string runKey);

    void Delete(string runKey);

    /// <summary>Where the run's checkpoint lives, for messages (a file path, a Redis key).</summary>
    string Describe(string runKey);

    /// <summary>Throws <see cref="CheckpointBudgetExceededException"/> when a checkpoint of about this size would not fit.</summary>
    void EnsureRoom(string runKey, long bytes);
}

/// <summary>The checkpoint store's budget would be exceeded: the message says by how much and what to do.</summary>
public sealed class CheckpointBudgetExceededException(string message) : IOException(message);
