using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Reads ended runs' records straight from grain storage. An export of a 100,000-run sweep would otherwise activate
/// 100,000 run grains only to read state that no longer changes (a run's record is written once it has ended).
/// </summary>
public sealed class RunRecordReader(IServiceProvider services)
{
    private static readonly GrainType RunGrainType = GrainType.Create(TrainingRunGrain.TypeName);
    private IGrainStorage? _storage;

    private IGrainStorage Storage => _storage ??= services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweeps);

    public async Task<RunRecord?> ReadAsync(string runKey)
    {
        var state = new GrainState<RunGrainState>(new RunGrainState());
        await Storage.ReadStateAsync(TrainingRunGrain.StateName, GrainId.Create(RunGrainType, runKey), state);
        return state.RecordExists ? state.State?.Record : null;
    }
}
