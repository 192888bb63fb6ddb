using System.Diagnostics;
using System.Text.Json;
using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Hosting;

/// <summary>
/// One process at a time hosts a silo on a local store (a data directory with its SQLite file and checkpoints): two
/// would fight over the same runs. The holder keeps an exclusive lock on <c>smartmixed.lock</c> (released by the
/// kernel when the process dies, however it dies) and says in <c>smartmixed.lock.json</c> who it is and where its
/// gateway listens, so other commands can connect to it instead.
/// </summary>
public sealed class LocalStoreLock : IDisposable
{
    private const string LockFile = "smartmixed.lock";
    private const string OwnerFile = "smartmixed.lock.json";

    private readonly FileStream _lock;
    private readonly string _directory;

    private LocalStoreLock(FileStream handle, string directory)
    {
        _lock = handle;
        _directory = directory;
    }

    /// <summary>The lock, or null with what is known of the process that holds it.</summary>
    public static LocalStoreLock? TryAcquire(string dataDirectory, out LocalStoreOwner? holder)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix; the kernel drops it with the process.
            var handle = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            holder = null;
            var acquired = new LocalStoreLock(handle, directory);
            acquired.Publish(null, "starting");
            return acquired;
        }
        catch (IOException)
        {
            holder = ReadOwner(directory);
            return null;
        }
    }

    /// <summary>Tells other processes what this one does and, once its silo listens, its gateway port.</summary>
    public void Publish(int? gatewayPort, string purpose)
    {
        var owner = new LocalStoreOwner(Environment.ProcessId, gatewayPort, purpose, DateTimeOffset.UtcNow);
        AtomicFile.WriteText(Path.Combine(_directory, OwnerFile), JsonSerializer.Serialize(owner));
    }

    public void Dispose()
    {
        try { File.Delete(Path.Combine(_directory, OwnerFile)); } catch (IOException) { }
        _lock.Dispose();
    }

    private static LocalStoreOwner? ReadOwner(string directory)
    {
        try
        {
            var owner = JsonSerializer.Deserialize<LocalStoreOwner>(File.ReadAllText(Path.Combine(directory, OwnerFile)));
            return owner is not null && IsAlive(owner.ProcessId) ? owner : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The process that holds a local store: its id, its silo's gateway port (once it listens) and what it does.</summary>
public sealed record LocalStoreOwner(int ProcessId, int? GatewayPort, string Purpose, DateTimeOffset Since);
