using SmartMixed.Training.Output;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// Checkpoints on disk, replaced atomically so a crash mid-write leaves the previous one intact. A checkpoint that
/// does not verify is a <see cref="CorruptCheckpointException"/> naming the file; the file is left where it is.
/// </summary>
public static class CheckpointFile
{
    public static void Save(TrainingSession session, string path) => AtomicFile.Write(path, session.SaveCheckpoint);

    public static TrainingSession Resume(string path, Config.RunConfig config, TrainingData data)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return TrainingSession.Resume(config, data, stream);
        }
        catch (CorruptCheckpointException e)
        {
            throw e.At(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Which run a checkpoint file belongs to and how many epochs it holds, once verified whole.</summary>
    public static (string ConfigHash, int EpochsCompleted) Inspect(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = CheckpointFormat.Reader(stream);
            var (hash, state) = CheckpointFormat.ReadHeader(reader);
            return (hash, state.EpochsCompleted);
        }
        catch (CorruptCheckpointException e)
        {
            throw e.At(path);
        }
    }
}
