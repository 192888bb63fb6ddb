using SmartMixed.Client.Specs;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Client.Sweeps;

public static class SweepClient
{
    /// <summary>How long a submission is tried again while the cluster recovers from a failure.</summary>
    public static readonly TimeSpan MaxOutage = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Submits a validated plan with its spec's text (kept by the sweep for reference). A submission is idempotent, so
    /// one cut short by a cluster in flux (a silo that died with the sweep's grain, Redis restarting) is simply made
    /// again, for up to <see cref="MaxOutage"/>.
    /// </summary>
    public static async Task<SweepStatus> SubmitAsync(IGrainFactory grains, SweepPlan plan, string specText, CancellationToken cancellation = default)
    {
        var outage = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await SweepSubmitter.SubmitAsync(grains, plan.SweepId, new SweepSubmission(plan.Description, specText, plan.Settings), plan.ToRunSpecs(), cancellation);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException && outage.Elapsed < MaxOutage)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            }
        }
    }

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
