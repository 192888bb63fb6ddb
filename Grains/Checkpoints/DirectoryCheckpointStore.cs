namespace SmartMixed.Grains.Checkpoints;

/// <summary>Checkpoints as files under one directory: local on a laptop, a shared mount on a cluster.</summary>
public sealed class DirectoryCheckpointStore(string root) : ICheckpointStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public void Save(string runKey, Action<Stream> write)
    {
        var path = PathOf(runKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public Stream? Open(string runKey)
    {
        var path = PathOf(runKey);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public void Delete(string runKey)
    {
        var path = PathOf(runKey);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string runKey) => Path.Combine(Root, CheckpointKeys.Check(runKey) + ".ckpt");
}
