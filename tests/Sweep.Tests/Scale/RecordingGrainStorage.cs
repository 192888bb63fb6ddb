using System.Collections.Concurrent;
using Orleans.Storage;

namespace SmartMixed.Sweep.Tests.Scale;

/// <summary>Wraps a grain storage and keeps, per sweep and state name, the largest state written (serialized bytes) and the count of writes.</summary>
public sealed class RecordingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Sweep, string State), (long MaxBytes, long Writes)> _writes = new();

    public IReadOnlyDictionary<(string Sweep, string State), (long MaxBytes, long Writes)> Writes => _writes;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        long bytes = serializer.Serialize(grainState.State).ToMemory().Length;
        var key = grainId.Key.ToString()!;
        var sweep = key.Contains('/') ? key[..key.IndexOf('/')] : key;
        _writes.AddOrUpdate((sweep, stateName), (bytes, 1), (_, old) => (Math.Max(old.MaxBytes, bytes), old.Writes + 1));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
