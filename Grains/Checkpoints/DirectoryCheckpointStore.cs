using System.Globalization;
using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// Checkpoints as files under one directory: local on a laptop, a shared mount on a cluster. The training thread only
/// serialises the state into memory; writing the file (temporary file, fsync, atomic rename) happens on the thread
/// pool, in order per run, so the next epoch does not wait for the disk. Opening, flushing or deleting a run's
/// checkpoint first waits for its pending write; a failed write surfaces at the run's next save. The directory has a
/// budget in bytes: a save or a new run that would exceed it is refused with a message that says so.
/// </summary>
public sealed class DirectoryCheckpointStore : ICheckpointStore
{
    public const string Extension = ".ckpt";

    private readonly object _gate = new();
    private readonly Dictionary<string, Task> _pending = [];
    private readonly Dictionary<string, Exception> _failed = [];
    private readonly Dictionary<string, long> _sizes = [];
    private long _used;

    public DirectoryCheckpointStore(string root, long budgetBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes);
        Root = Path.GetFullPath(root);
        BudgetBytes = budgetBytes;
        if (!Directory.Exists(Root)) return;
        foreach (var file in Directory.EnumerateFiles(Root, "*" + Extension, SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file);
            var key = relative[..^Extension.Length].Replace(Path.DirectorySeparatorChar, '/');
            long size = new FileInfo(file).Length;
            _sizes[key] = size;
            _used += size;
        }
    }

    public string Root { get; }
    public long BudgetBytes { get; }

    /// <summary>Bytes the directory's checkpoints take (as this store knows them).</summary>
    public long UsedBytes { get { lock (_gate) return _used; } }

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
            Reserve(runKey, bytes.Length);
            var previous = _pending.GetValueOrDefault(runKey) ?? Task.CompletedTask;
            _pending[runKey] = previous.ContinueWith(_ => WriteFile(runKey, path, bytes), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    public void Flush(string runKey)
    {
        CheckpointKeys.Check(runKey);
        WaitForPending(runKey);
        lock (_gate)
            if (_failed.Remove(runKey, out var error))
                throw new IOException($"the checkpoint of {runKey} could not be written: {error.Message}", error);
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
            if (_sizes.Remove(runKey, out var size)) _used -= size;
        }
        if (File.Exists(path)) File.Delete(path);
    }

    public string Describe(string runKey) => PathOf(runKey);

    public void EnsureRoom(string runKey, long bytes)
    {
        lock (_gate)
        {
            long after = _used - _sizes.GetValueOrDefault(runKey) + bytes;
            if (after > BudgetBytes) throw Full(runKey, bytes);
        }
    }

    private void Reserve(string runKey, long bytes)
    {
        long old = _sizes.GetValueOrDefault(runKey);
        if (_used - old + bytes > BudgetBytes) throw Full(runKey, bytes);
        _sizes[runKey] = bytes;
        _used += bytes - old;
    }

    private CheckpointBudgetExceededException Full(string runKey, long bytes) => new(
        $"the checkpoint directory {Root} is full: {Size(_used)} of its {Size(BudgetBytes)} budget are taken by {_sizes.Count} checkpoint(s), " +
        $"and run {runKey} needs {Size(bytes)}. Raise SmartMixed:CheckpointBudgetGB, or cancel sweeps whose checkpoints are no longer needed");

    private static string Size(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private void WaitForPending(string runKey)
    {
        Task? pending;
        lock (_gate) pending = _pending.GetValueOrDefault(runKey);
        pending?.Wait();
    }

    private void WriteFile(string runKey, string path, byte[] bytes)
    {
        try
        {
            AtomicFile.Write(path, stream => stream.Write(bytes));
        }
        catch (Exception e)
        {
            lock (_gate) _failed[runKey] = e;
        }
    }

    private string PathOf(string runKey) => Path.Combine(Root, CheckpointKeys.Check(runKey) + Extension);
}
