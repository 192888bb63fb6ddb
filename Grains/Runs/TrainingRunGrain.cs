using Microsoft.Extensions.Logging;
using Orleans.Placement;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Owns one training run. The training runs on a dedicated background thread (never on the grain's turn), reports
/// progress through a grain timer and comes back through a self-call tagged with a job token, so a job that
/// outlived its activation cannot report into a new one. Placed on the silo that leased the run (its slot is there).
/// </summary>
[PreferLocalPlacement]
[GrainType("smartmixed-run")]
public sealed class TrainingRunGrain(
    [PersistentState("run", StorageNames.Sweeps)] IPersistentState<RunGrainState> state,
    RunExecution execution,
    ICheckpointStore checkpoints,
    ILocalSiloDetails silo,
    ILogger<TrainingRunGrain> logger) : Grain, ITrainingRunGrain
{
    private CancellationTokenSource? _cancellation;
    private Guid _jobToken;
    private RunLease? _lease;
    private volatile RunProgress? _progress;
    private RunProgress? _reported;
    private IGrainTimer? _progressTimer;

    private string SiloName => silo.SiloAddress.ToParsableString();

    public async Task Start(RunLease lease, Guid slotTicket)
    {
        if (_lease?.LeaseId == lease.LeaseId && _cancellation is not null) return; // the same start, repeated

        if (state.State.Record is { Status: RunStatus.Done } finished)
        {
            // Finished before, but the sweep never heard (its silo died in between): report again, train nothing.
            await GrainFactory.GetGrain<ISweepGrain>(lease.SweepId).ReportEnded(lease.LeaseId, finished, retryable: false);
            return;
        }

        StopJob();
        _lease = lease;
        _jobToken = Guid.NewGuid();
        _cancellation = new CancellationTokenSource();
        _progress = new RunProgress(lease.Spec.Hash, lease.LeaseId, RunStatus.Running, 0, 0, SiloName, null);
        state.State.LeaseId = lease.LeaseId;

        var token = _jobToken;
        var cancellation = _cancellation.Token;
        var self = this.AsReference<ITrainingRunGrain>();
        var siloName = SiloName;
        _ = Task.Factory.StartNew(async () =>
        {
            RunOutcome outcome;
            try
            {
                outcome = execution.Execute(lease, slotTicket, siloName, p => _progress = p, cancellation);
            }
            catch (Exception e)
            {
                outcome = new RunOutcome(RunRecords.Ended(lease.SweepId, lease.Spec, RunStatus.Failed, e.Message, [], siloName, lease.Attempt, null), true);
            }
            if (outcome.Interrupted) return; // the silo is going away; the sweep re-leases the run elsewhere
            try
            {
                await self.Complete(token, outcome.Record, outcome.Retryable);
            }
            catch (Exception e)
            {
                // The activation is gone (silo stopping): the sweep's watchdog re-leases the run, which resumes from its checkpoint.
                logger.LogWarning("Run {RunHash} could not report its end: {Reason}", lease.Spec.Hash, e.Message);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        _progressTimer = this.RegisterGrainTimer(PushProgress, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
        {
            KeepAlive = true, // a training without incoming calls must not be collected as idle
            Interleave = true,
        });
    }

    public Task<RunProgress?> GetStatus()
    {
        if (_progress is { } p) return Task.FromResult<RunProgress?>(p);
        if (state.State.Record is { } r)
            return Task.FromResult<RunProgress?>(new RunProgress(r.Spec.Hash, state.State.LeaseId, r.Status, r.EpochsRun, r.EpochsRun, r.Silo, r.ResumedFromEpoch));
        return Task.FromResult<RunProgress?>(null);
    }

    public Task<RunRecord?> GetRecord() => Task.FromResult(state.State.Record);

    public Task Cancel(long leaseId)
    {
        if (_lease?.LeaseId == leaseId) _cancellation?.Cancel();
        return Task.CompletedTask;
    }

    public async Task Complete(Guid jobToken, RunRecord record, bool retryable)
    {
        if (jobToken != _jobToken || _lease is null) return; // a stale job from an earlier lease or activation
        var lease = _lease;
        _jobToken = Guid.Empty;
        _progressTimer?.Dispose();
        _cancellation?.Dispose();
        _cancellation = null;
        _progress = null;

        if (record.Status == RunStatus.Done)
        {
            state.State.Record = record; // durable here before anyone is told
            await state.WriteStateAsync();
        }
        await GrainFactory.GetGrain<ISweepGrain>(lease.SweepId).ReportEnded(lease.LeaseId, record, retryable);
        if (record.Status == RunStatus.Done) checkpoints.Delete(CheckpointKeys.For(lease.SweepId, lease.Spec.Hash));
        _lease = null;
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopJob(); // background work is tied to this activation; its checkpoint remains for whoever resumes it
        return Task.CompletedTask;
    }

    private void StopJob()
    {
        _jobToken = Guid.Empty;
        _cancellation?.Cancel();
        _cancellation = null;
        _progressTimer?.Dispose();
        _progressTimer = null;
    }

    private Task PushProgress(CancellationToken _)
    {
        var current = _progress;
        if (current is null || _lease is null || current == _reported) return Task.CompletedTask;
        _reported = current;
        return GrainFactory.GetGrain<ISweepGrain>(_lease.SweepId).ReportProgress(current);
    }
}
