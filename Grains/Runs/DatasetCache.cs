using Microsoft.Extensions.Options;
using SmartMixed.Grains.Hosting;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Data splits loaded once per silo and shared by its runs (training only reads these tensors; Fashion-MNIST is
/// ~190 MB of floats). At most <see cref="Capacity"/> splits stay loaded: when another is needed, the least recently
/// used one that no run holds is disposed.
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<DataSpec, Entry> _entries = [];
    private readonly DataDirectories _directories;
    private long _clock;

    public DatasetCache(IOptions<SweepSiloOptions> options) : this(DataDirectories.FromEnvironment(), options.Value.DatasetCacheSize) { }

    public DatasetCache(DataDirectories directories, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _directories = directories;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Splits loaded now (for tests and status).</summary>
    public int Loaded { get { lock (_gate) return _entries.Values.Count(e => e.Lazy.IsValueCreated); } }

    /// <summary>The split, loaded if needed, held until the returned handle is disposed.</summary>
    public Handle Acquire(DataSpec spec)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(spec, out entry!))
            {
                entry = new Entry(new Lazy<TrainingData>(() => new TrainingData(DatasetCatalog.Load(spec, _directories))));
                _entries[spec] = entry;
            }
            entry.Users++;
            entry.LastUsed = ++_clock;
        }
        try
        {
            var data = entry.Lazy.Value;
            lock (_gate) Evict();
            return new Handle(this, spec, entry, data);
        }
        catch
        {
            lock (_gate)
            {
                entry.Users--;
                if (_entries.TryGetValue(spec, out var current) && current == entry && !entry.Lazy.IsValueCreated)
                    _entries.Remove(spec); // a data set fetched meanwhile loads next time
            }
            throw;
        }
    }

    private void Release(Entry entry)
    {
        lock (_gate)
        {
            entry.Users--;
            Evict();
        }
    }

    private void Evict()
    {
        while (_entries.Count(e => e.Value.Lazy.IsValueCreated) > Capacity)
        {
            var idle = _entries.Where(e => e.Value.Users == 0 && e.Value.Lazy.IsValueCreated).OrderBy(e => e.Value.LastUsed).FirstOrDefault();
            if (idle.Value is null) return; // every loaded split is in use: it goes when its last run ends
            _entries.Remove(idle.Key);
            idle.Value.Lazy.Value.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
                if (entry.Lazy.IsValueCreated) entry.Lazy.Value.Dispose();
            _entries.Clear();
        }
    }

    internal sealed class Entry(Lazy<TrainingData> lazy)
    {
        public Lazy<TrainingData> Lazy { get; } = lazy;
        public int Users { get; set; }
        public long LastUsed { get; set; }
    }

    /// <summary>A run's hold on a loaded split.</summary>
    public sealed class Handle : IDisposable
    {
        private readonly DatasetCache _owner;
        private readonly Entry _entry;
        private int _disposed;

        internal Handle(DatasetCache owner, DataSpec spec, Entry entry, TrainingData data)
        {
            _owner = owner;
            _entry = entry;
            Spec = spec;
            Data = data;
        }

        public DataSpec Spec { get; }
        public TrainingData Data { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _owner.Release(_entry);
        }
    }
}
