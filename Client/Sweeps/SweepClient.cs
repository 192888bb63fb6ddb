using SmartMixed.GrainInterfaces;
using SmartMixed.Client.Specs;

namespace SmartMixed.Client.Sweeps;

public static class SweepClient
{
    public static Task<SweepStatus> SubmitAsync(IGrainFactory grains, SweepPlan plan, string specPath) =>
        grains.GetGrain<ISweepGrain>(plan.SweepId).Submit(
            new GrainInterfaces.SweepSubmission(plan.Description, plan.ToRunSpecs().ToArray(), File.ReadAllText(specPath)));

    /// <summary>The status of a sweep that must exist; an unknown id is an error naming the known ones.</summary>
    public static async Task<SweepStatus> ExistingAsync(IGrainFactory grains, string sweepId)
    {
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        if (status.State != SweepState.Unknown) return status;
        var known = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        throw new ArgumentException($"no sweep '{sweepId}' in this cluster; known: {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => k.SweepId)))}");
    }
}
