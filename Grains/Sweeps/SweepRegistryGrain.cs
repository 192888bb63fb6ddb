using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Sweeps;

public sealed class SweepRegistryState
{
    public int Layout { get; set; } = StateLayout.Current;
    public Dictionary<string, SweepSummary> Sweeps { get; set; } = [];
}

/// <summary>The cluster's list of sweeps; workers ask it which sweeps may have work.</summary>
[GrainType("smartmixed-registry")]
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state,
    TimeProvider time) : Grain, ISweepRegistryGrain
{
    public async Task SetState(string sweepId, SweepState sweepState)
    {
        if (state.State.Sweeps.TryGetValue(sweepId, out var known) && known.State == sweepState) return;
        state.State.Sweeps[sweepId] = new SweepSummary(sweepId, sweepState, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    public Task<string[]> Active() =>
        Task.FromResult(state.State.Sweeps.Values.Where(s => s.State == SweepState.Active)
            .OrderBy(s => s.UpdatedAt).Select(s => s.SweepId).ToArray());

    public Task<SweepSummary[]> List() =>
        Task.FromResult(state.State.Sweeps.Values.OrderBy(s => s.SweepId, StringComparer.Ordinal).ToArray());
}
