using Microsoft.Extensions.Logging;
using Orleans.Placement;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Owns one training run. The training runs on a dedicated background thread (never on the grain's turn), reports
/// progress to the run's shard through a grain timer and comes back through a self-call tagged with a job token, so a
/// job that outlived its activation cannot report into a new one. Placed on the silo that leased the run (its slot is
/// there). Its state holds the run's record once the run has ended: the one place a run's curve is stored.
/// </summary>
[PreferLocalPlacement]
[GrainType(TypeName)]
public sealed class TrainingRunGrain(
    [PersistentState(TrainingRunGrain.StateName, StorageNames.Sweeps)] IPersistentState<RunGrainState> state,
    IRunExecutor execution,
    ICheckpointStore checkpoints,
    ILocalSiloDetails silo,
    ILogger<TrainingRunGrain> logger) : Grain, ITrainingRunGrain
{
    public const string TypeName = "smartmixed-run";
    public const string StateName = "run";

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

        if (state.State.Record is { Outcome.Status: RunStatus.Done } finished)
        {
            // Finished before, but the shard never heard (its silo died in between): report again, train nothing.
            if (await Shard(lease).ReportEnded(lease.LeaseId, finished.Outcome, retryable: false))
                checkpoints.Delete(lease.RunKey);
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
            RunExecutionResult result;
            try
            {
                result = execution.Execute(lease, slotTicket, siloName, p => _progress = p, cancellation);
            }
            catch (Exception e)
            {
                result = new RunExecutionResult(RunRecords.Ended(lease.SweepId, lease.Spec, RunStatus.Failed, e.Message, [], siloName, lease.Attempt, null), true);
            }
            if (result.Interrupted) return; // the silo is going away; the sweep leases the run again elsewhere
            try
            {
                await self.Complete(token, result.Record, result.Retryable);
            }
            catch (Exception e)
            {
                // The activation is gone (silo stopping): the shard's watchdog leases the run again; it resumes from its checkpoint.
                RunLog.EndNotReported(logger, lease.Spec.Hash, e.Message);
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
            return Task.FromResult<RunProgress?>(new RunProgress(r.Outcome.Hash, state.State.LeaseId, r.Outcome.Status, r.Outcome.EpochsRun,
                r.Outcome.EpochsRun, r.Outcome.Silo, r.Outcome.ResumedFromEpoch));
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

        state.State.Record = record; // durable here, once per run, before anyone is told
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nobody may see a record that is not durable: drop it; the shard's watchdog finds the run silent and
            // leases it again (it resumes from its checkpoint).
            state.State.Record = null;
            _lease = null;
            DeactivateOnIdle();
            throw;
        }
        if (await Shard(lease).ReportEnded(lease.LeaseId, record.Outcome, retryable))
            checkpoints.Delete(lease.RunKey); // ended for good: failed, cancelled or done
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
        return Shard(_lease).ReportProgress(current);
    }

    private ISweepShardGrain Shard(RunLease lease) => GrainFactory.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(lease.SweepId, lease.Shard));
}
