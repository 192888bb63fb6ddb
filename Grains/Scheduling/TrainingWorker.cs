using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;

namespace SmartMixed.Grains.Scheduling;

/// <summary>
/// Pulls work for this silo: whenever a training slot is free it reserves it, leases the next queued run from an
/// active sweep and starts that run's grain here. Pulling by free capacity spreads runs over every silo of a
/// cluster and keeps each silo within its limit, however many silos come and go. An idle worker polls, and wakes
/// early when a sweep grain of its own silo signals new work.
/// </summary>
public sealed class TrainingWorker(
    IGrainFactory grains,
    TrainingSlots slots,
    WorkSignal work,
    ILocalSiloDetails silo,
    IOptions<SweepSiloOptions> options,
    ILogger<TrainingWorker> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TrainingWorker), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken _)
    {
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => Loop(_stop.Token));
        logger.LogInformation("Training worker started with {Slots} slot(s)", slots.Capacity);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellation)
    {
        // Trainings of a stopping silo finish the epoch in flight (within the grace period), save their checkpoints
        // and end; waiting for them here lets them do so before Orleans deactivates their grains.
        slots.Stop();
        _stop?.Cancel();
        await _loop.ConfigureAwait(false);
        var deadline = DateTime.UtcNow + options.Value.StopGracePeriod + TimeSpan.FromSeconds(5);
        while (slots.Running > 0 && DateTime.UtcNow < deadline && !cancellation.IsCancellationRequested)
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task Loop(CancellationToken stopping)
    {
        var poll = options.Value.PollInterval;
        var siloName = silo.SiloAddress.ToParsableString();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!slots.TryReserve(out var ticket))
                {
                    await slots.WaitForFreeSlotAsync(poll, stopping).ConfigureAwait(false);
                    continue;
                }
                RunLease? lease;
                try
                {
                    lease = await LeaseAsync(siloName).ConfigureAwait(false);
                }
                catch
                {
                    slots.Unreserve(ticket);
                    throw;
                }
                if (lease is null)
                {
                    slots.Unreserve(ticket);
                    await work.WaitAsync(poll, stopping).ConfigureAwait(false);
                    continue;
                }
                await StartRunAsync(lease, ticket, siloName).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Training worker: {Reason}; trying again", e.Message);
                await Task.Delay(poll, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task<RunLease?> LeaseAsync(string siloName)
    {
        var only = options.Value.OnlySweeps;
        foreach (var sweepId in await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Active())
        {
            if (only is { Length: > 0 } && !only.Contains(sweepId, StringComparer.Ordinal)) continue;
            var lease = await grains.GetGrain<ISweepGrain>(sweepId).LeaseNext(siloName);
            if (lease is not null) return lease;
        }
        return null;
    }

    /// <summary>Tries of a start that meets a cluster in flux, and the pause before the first retry (doubled each time).</summary>
    private const int StartTries = 5;
    private static readonly TimeSpan FirstStartRetry = TimeSpan.FromSeconds(1);

    private async Task StartRunAsync(RunLease lease, Guid ticket, string siloName)
    {
        try
        {
            // The run's grain may still be registered on a silo that has just died: until the cluster has declared it
            // dead, calls to the grain fail to connect. That is not a failure of the run (it must not use up one of its
            // attempts, let alone all of them in a second): wait and try again. Start is idempotent per lease.
            var delay = FirstStartRetry;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<ITrainingRunGrain>(lease.RunKey).Start(lease, ticket);
                    break;
                }
                catch (Exception e) when (attempt < StartTries && e is OrleansException or TimeoutException)
                {
                    logger.LogInformation("Run {RunHash} of {SweepId} did not start yet ({Reason}); trying again in {Delay}",
                        lease.Spec.Hash, lease.SweepId, e.Message.Split('\n')[0], delay);
                    await Task.Delay(delay).ConfigureAwait(false);
                    delay *= 2;
                }
            }
        }
        catch (Exception e)
        {
            // Without this the run would stay "running" on a live silo; hand it back as a retryable failure.
            slots.Unreserve(ticket);
            logger.LogWarning("Could not start run {RunHash} of {SweepId}: {Reason}", lease.Spec.Hash, lease.SweepId, e.Message);
            var outcome = RunOutcome.Empty(lease.Spec.Hash, lease.Spec.Seed, RunStatus.Failed, $"could not start: {e.Message}", 0, siloName, lease.Attempt);
            await grains.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(lease.SweepId, lease.Shard)).ReportEnded(lease.LeaseId, outcome, retryable: true);
        }
    }
}
