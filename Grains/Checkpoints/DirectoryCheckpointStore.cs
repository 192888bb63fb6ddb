namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Checkpoints as files under one directory: local on a laptop, a shared mount on a cluster. The training thread
/// only serialises the state into memory; writing the file (temporary file, fsync, atomic rename) happens on the
/// thread pool, in order per run, so the next epoch does not wait for the disk. Opening or deleting a run's
/// checkpoint first waits for its pending write; a failed write surfaces at the run's next save.
/// </summary>
public sealed class DirectoryCheckpointStore(string root) : ICheckpointStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task> _pending = [];
    private readonly Dictionary<string, Exception> _failed = [];

    public string Root { get; } = Path.GetFullPath(root);

    public void Save(string runKey, Action<Stream> write)
    {
        var path = PathOf(runKey);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            write(buffer); // a consistent snapshot, taken between epochs on the training thread
            bytes = buffer.ToArray();
        }
        lock (_gate)
        {
            if (_failed.Remove(runKey, out var error))
                throw new IOException($"the previous checkpoint of {runKey} could not be written: {error.Message}", error);
            var previous = _pending.GetValueOrDefault(runKey) ?? Task.CompletedTask;
            _pending[runKey] = previous.ContinueWith(_ => WriteFile(runKey, path, bytes), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public Stream? Open(string runKey)
    {
        var path = PathOf(runKey);
        WaitForPending(runKey);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public void Delete(string runKey)
    {
        var path = PathOf(runKey);
        WaitForPending(runKey);
        lock (_gate)
        {
            _failed.Remove(runKey);
            _pending.Remove(runKey);
        }
        if (File.Exists(path)) File.Delete(path);
    }

    private void WaitForPending(string runKey)
    {
        Task? pending;
        lock (_gate) pending = _pending.GetValueOrDefault(runKey);
        pending?.Wait();
    }

    private void WriteFile(string runKey, string path, byte[] bytes)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            lock (_gate) _failed[runKey] = e;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private string PathOf(string runKey) => Path.Combine(Root, CheckpointKeys.Check(runKey) + ".ckpt");
}
