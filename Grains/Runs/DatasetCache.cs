using System.Collections.Concurrent;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Each data split loaded once per silo and shared by its runs: training only reads these tensors, so runs
/// side by side can use one copy (Fashion-MNIST is ~190 MB of floats).
/// </summary>
public sealed class DatasetCache : IDisposable
{
    private readonly ConcurrentDictionary<DataSpec, Lazy<TrainingData>> _loaded = new();
    private readonly DataDirectories _directories;

    public DatasetCache(DataDirectories directories) => _directories = directories;

    public DatasetCache() : this(DataDirectories.FromEnvironment()) { }

    public TrainingData Get(DataSpec spec)
    {
        var lazy = _loaded.GetOrAdd(spec, s => new Lazy<TrainingData>(() => new TrainingData(DatasetCatalog.Load(s, _directories))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<DataSpec, Lazy<TrainingData>>(spec, lazy)); // a fetched data set loads next time
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values)
            if (lazy.IsValueCreated) lazy.Value.Dispose();
    }
}
