using SmartMixed.Client.Specs;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Client.Sweeps;

public static class SweepClient
{
    /// <summary>Submits a validated plan with its spec's text (kept by the sweep for reference).</summary>
    public static Task<SweepStatus> SubmitAsync(IGrainFactory grains, SweepPlan plan, string specText, CancellationToken cancellation = default) =>
        SweepSubmitter.SubmitAsync(grains, plan.SweepId, new SweepSubmission(plan.Description, specText, plan.Settings), plan.ToRunSpecs(), cancellation);

    /// <summary>The status of a sweep that must exist; an unknown id is an error naming the known ones.</summary>
    public static async Task<SweepStatus> ExistingAsync(IGrainFactory grains, string sweepId)
    {
        SweepIds.Check(sweepId);
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        if (status.State != SweepState.Unknown) return status;
        var known = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        throw new ArgumentException($"no sweep '{sweepId}' here; known: {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => k.SweepId)))}");
    }
}
