namespace SmartMixed.Training.Output;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file beside it, is flushed to disk, and is renamed over
/// the target. A crash or a failed write leaves the previous file (or none) intact, never a half-written one.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = Create(path);
        write(pending.Stream);
        pending.Commit();
    }

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>A replacement written over time (a streamed table): it takes the target's place only on <see cref="Pending.Commit"/>.</summary>
    public static Pending Create(string path) => new(path);

    /// <summary>A file being written beside its target; disposed without a commit, it disappears and the target stays.</summary>
    public sealed class Pending : IDisposable
    {
        private readonly string _target;
        private readonly string _temporary;
        private readonly FileStream _stream;
        private bool _done;

        internal Pending(string path)
        {
            _target = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(_target)!;
            Directory.CreateDirectory(directory);
            _temporary = Path.Combine(directory, $".{Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
            _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public Stream Stream => _stream;

        public void Commit()
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_temporary, _target, overwrite: true);
            _done = true;
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            _stream.Dispose();
            try { File.Delete(_temporary); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
