namespace SmartMixed.Training.Trainer;

/// <summary>Checkpoints on disk, replaced atomically so a crash mid-write leaves the previous one intact.</summary>
public static class CheckpointFile
{
    public static void Save(TrainingSession session, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            session.SaveCheckpoint(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static TrainingSession Resume(string path, Config.RunConfig config, TrainingData data)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return TrainingSession.Resume(config, data, stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
