namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Where runs keep their latest full training state, readable by every silo that may resume them. One checkpoint
/// per run (key <c>{sweep}/{hash}</c>): saving replaces it atomically, so old ones never pile up. Synchronous by
/// design: it is called from the training thread between epochs.
/// </summary>
public interface ICheckpointStore
{
    void Save(string runKey, Action<Stream> write);

    /// <summary>The saved checkpoint as a readable stream, or null when the run has none.</summary>
    Stream? Open(string runKey);

    void Delete(string runKey);
}
