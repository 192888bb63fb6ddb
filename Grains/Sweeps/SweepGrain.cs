using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// One sweep. Keeps every run's state durably, hands queued runs to silos that ask (they ask only with a free
/// slot), forwards ended runs to the aggregator before recording them, retries failed attempts, and re-queues runs
/// whose silo has died (they resume from their checkpoints). Thin: the arithmetic lives elsewhere.
/// </summary>
[GrainType("smartmixed-sweep")]
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepGrainState> state,
    IClusterMembershipService membership,
    IOptions<SweepSiloOptions> options,
    TimeProvider time,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private Dictionary<string, RunEntry> _byHash = [];

    private string SweepId => this.GetPrimaryKeyString();
    private SweepGrainState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _byHash = S.Runs.ToDictionary(r => r.Spec.Hash);
        if (S.State == SweepState.Active) await RequeueOrphans(); // e.g. after the whole cluster restarted
        this.RegisterGrainTimer(Watchdog, new GrainTimerCreationOptions(options.Value.WatchdogInterval, options.Value.WatchdogInterval));
    }

    public async Task<SweepStatus> Submit(SweepSubmission submission)
    {
        int added = 0, requeued = 0, retired = 0;
        var plan = submission.Runs.Select(r => r.Hash).ToHashSet();
        foreach (var spec in submission.Runs)
        {
            if (_byHash.TryGetValue(spec.Hash, out var entry))
            {
                entry.Retired = false;
                // Resubmission reruns nothing that finished; runs that failed or were cancelled get another chance.
                if (entry.Status is RunStatus.Failed or RunStatus.Cancelled)
                {
                    entry.Status = RunStatus.Queued;
                    entry.Failures = 0;
                    entry.CancelRequested = false;
                    entry.FailureReason = null;
                    requeued++;
                }
                continue;
            }
            entry = new RunEntry { Spec = spec, Status = RunStatus.Queued, Epochs = EpochsOf(spec) };
            S.Runs.Add(entry);
            _byHash[spec.Hash] = entry;
            added++;
        }
        // The latest submission is the plan: runs it no longer names are retired (queued ones never start).
        foreach (var entry in S.Runs.Where(r => !r.Retired && !plan.Contains(r.Spec.Hash)))
        {
            entry.Retired = true;
            retired++;
            if (entry.Status == RunStatus.Queued)
            {
                entry.Status = RunStatus.Cancelled;
                entry.FailureReason = "no longer in the sweep's spec";
            }
            else if (entry.Status == RunStatus.Running)
            {
                entry.CancelRequested = true;
                await GrainFactory.GetGrain<ITrainingRunGrain>(RunKey(entry)).Cancel(entry.LeaseId);
            }
        }
        S.Description = submission.Description ?? S.Description;
        S.SpecText = submission.SpecText;
        S.SubmittedAt ??= time.GetUtcNow();
        S.State = SweepState.Active;
        S.EndedAt = null;
        await Aggregator().SetPlan([.. plan]);
        await Persist();
        await Registry().SetState(SweepId, S.State);
        logger.LogInformation("Sweep {SweepId}: {Added} new runs, {Requeued} re-queued, {Retired} retired, {Total} in its plan",
            SweepId, added, requeued, retired, plan.Count);
        await CompleteIfEnded();
        return Status();
    }

    public Task<SweepStatus> GetStatus() => Task.FromResult(Status());

    public async Task<SweepStatus> Cancel()
    {
        if (S.State != SweepState.Active) return Status();
        S.State = SweepState.Cancelled;
        var cancelledQueued = new List<RunEntry>();
        foreach (var run in S.Runs)
        {
            if (run.Status == RunStatus.Queued)
            {
                run.Status = RunStatus.Cancelled;
                run.FailureReason = "cancelled before it started";
                cancelledQueued.Add(run);
            }
            else if (run.Status == RunStatus.Running)
            {
                run.CancelRequested = true;
                await GrainFactory.GetGrain<ITrainingRunGrain>(RunKey(run)).Cancel(run.LeaseId);
            }
        }
        foreach (var run in cancelledQueued)
            await Aggregator().Report(EndedRecord(run, RunStatus.Cancelled, run.FailureReason));
        await Persist();
        await Registry().SetState(SweepId, S.State);
        await CompleteIfEnded();
        return Status();
    }

    public async Task<RunLease?> LeaseNext(string silo)
    {
        if (S.State != SweepState.Active) return null;
        var run = S.Runs.FirstOrDefault(r => r.Status == RunStatus.Queued && !r.Retired);
        if (run is null) return null;
        run.Status = RunStatus.Running;
        run.Silo = silo;
        run.Leases++;
        run.LeaseId = S.NextLeaseId++;
        run.LeasedAt = time.GetUtcNow();
        await Persist(); // a lease is durable before the silo acts on it
        return new RunLease(SweepId, run.Spec, run.LeaseId, run.Leases);
    }

    public Task ReportProgress(RunProgress progress)
    {
        if (_byHash.TryGetValue(progress.Hash, out var run) && run.Status == RunStatus.Running && run.LeaseId == progress.LeaseId)
        {
            run.Epoch = progress.Epoch;
            if (progress.Epochs > 0) run.Epochs = progress.Epochs;
            run.Silo = progress.Silo ?? run.Silo;
        }
        return Task.CompletedTask;
    }

    public async Task ReportEnded(long leaseId, RunRecord record, bool retryable)
    {
        if (!_byHash.TryGetValue(record.Spec.Hash, out var run)) return;
        if (run.LeaseId != leaseId || run.Status != RunStatus.Running) return; // stale: re-leased, or already ended

        if (record.Status == RunStatus.Failed && retryable && S.State == SweepState.Active
            && run.Failures + 1 < Math.Max(1, options.Value.MaxAttempts))
        {
            run.Failures++;
            run.FailureReason = record.FailureReason;
            run.Status = RunStatus.Queued;
            logger.LogWarning("Sweep {SweepId}: run {RunHash} failed ({Reason}); retrying", SweepId, run.Spec.Hash, record.FailureReason);
            await Persist();
            return;
        }

        await Aggregator().Report(record with { Attempts = run.Leases }); // durable in the aggregator before the run counts as ended
        run.Status = record.Status;
        run.Epoch = record.EpochsRun;
        run.FailureReason = record.FailureReason;
        run.Silo = record.Silo ?? run.Silo;
        if (record.Status == RunStatus.Failed) run.Failures++;
        await Persist();
        await CompleteIfEnded();
    }

    private async Task Watchdog(CancellationToken cancellation)
    {
        if (S.State is SweepState.Active or SweepState.Cancelled)
        {
            await RequeueOrphans();
            await CheckSilentRuns();
        }
        await CompleteIfEnded();
    }

    /// <summary>
    /// A run can be "running" on a live silo that no longer trains it: its end could not be recorded (a failed
    /// write), or its activation was lost. Ask the run grain; take its durable record, or re-queue the run.
    /// </summary>
    private async Task CheckSilentRuns()
    {
        var now = time.GetUtcNow();
        foreach (var run in S.Runs.Where(r => r.Status == RunStatus.Running && r.LeasedAt is { } at && now - at > options.Value.SlotReservationTimeout).ToList())
        {
            var grain = GrainFactory.GetGrain<ITrainingRunGrain>(RunKey(run));
            var progress = await grain.GetStatus();
            if (progress is { Status: RunStatus.Running } && progress.LeaseId == run.LeaseId) continue;
            var record = await grain.GetRecord();
            if (record is { Status: RunStatus.Done })
            {
                logger.LogInformation("Sweep {SweepId}: run {RunHash} had finished without its end being recorded; recording it now", SweepId, run.Spec.Hash);
                await ReportEnded(run.LeaseId, record, retryable: false);
            }
            else if (S.State == SweepState.Active && !run.CancelRequested)
            {
                logger.LogWarning("Sweep {SweepId}: run {RunHash} is not training anywhere; re-queued", SweepId, run.Spec.Hash);
                run.Status = RunStatus.Queued;
                run.Silo = null;
                await Persist();
            }
            else
            {
                run.Status = RunStatus.Cancelled;
                run.FailureReason = "cancelled";
                await Aggregator().Report(EndedRecord(run, RunStatus.Cancelled, run.FailureReason));
                await Persist();
                await CompleteIfEnded();
            }
        }
    }

    /// <summary>Runs leased to a silo that is no longer alive go back to the queue (or end, in a cancelled sweep).</summary>
    private async Task RequeueOrphans()
    {
        var alive = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet();
        bool changed = false;
        foreach (var run in S.Runs.Where(r => r.Status == RunStatus.Running && (r.Silo is null || !alive.Contains(r.Silo))).ToList())
        {
            changed = true;
            if (S.State == SweepState.Cancelled || run.CancelRequested)
            {
                run.Status = RunStatus.Cancelled;
                run.FailureReason = "cancelled (its silo stopped)";
                await Aggregator().Report(EndedRecord(run, RunStatus.Cancelled, run.FailureReason));
            }
            else
            {
                logger.LogWarning("Sweep {SweepId}: run {RunHash} was on {Silo}, which is gone; re-queued to resume from its checkpoint",
                    SweepId, run.Spec.Hash, run.Silo);
                run.Status = RunStatus.Queued;
                run.Silo = null;
            }
        }
        if (changed)
        {
            await Persist();
            await CompleteIfEnded();
        }
    }

    /// <summary>
    /// Writes the state; if the write fails, this activation's memory may be ahead of storage, so it is dropped
    /// (the next call re-reads the durable state) and the caller sees the error.
    /// </summary>
    private async Task Persist()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Marks the sweep ended once every run of its plan has ended, and keeps the registry in step. Safe to call
    /// again: the watchdog does, so an end whose write failed is recorded on a later tick.
    /// </summary>
    private async Task CompleteIfEnded()
    {
        var planned = Planned();
        if (planned.Count == 0 || planned.Any(r => !r.IsEnded)) return;
        if (S.EndedAt is null)
        {
            if (S.State == SweepState.Active) S.State = SweepState.Completed;
            S.EndedAt = time.GetUtcNow();
            await Persist();
            logger.LogInformation("Sweep {SweepId} {State}: {Done} done, {Failed} failed, {Cancelled} cancelled", SweepId, S.State,
                planned.Count(r => r.Status == RunStatus.Done), planned.Count(r => r.Status == RunStatus.Failed), planned.Count(r => r.Status == RunStatus.Cancelled));
        }
        await Registry().SetState(SweepId, S.State);
    }

    private List<RunEntry> Planned() => S.Runs.Where(r => !r.Retired).ToList();

    private SweepStatus Status() => new(SweepId, S.State, S.Description,
        Planned().Select(r => new RunView(r.Spec.Hash, r.Status, r.Epoch, r.Epochs, r.Silo, r.FailureReason, r.Leases, r.Spec.Factors, r.Spec.IsBaseline)).ToArray(),
        S.SubmittedAt, S.EndedAt);

    private RunRecord EndedRecord(RunEntry run, RunStatus status, string? reason) =>
        new(SweepId, run.Spec, status, reason, run.Epoch, null, null, null, null, null, null, null, 0, run.Silo, [], [], run.Leases, null);

    private string RunKey(RunEntry run) => $"{SweepId}/{run.Spec.Hash}";

    private ISweepAggregatorGrain Aggregator() => GrainFactory.GetGrain<ISweepAggregatorGrain>(SweepId);

    private ISweepRegistryGrain Registry() => GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key);

    private static int EpochsOf(RunSpec spec)
    {
        using var json = System.Text.Json.JsonDocument.Parse(spec.ConfigJson);
        return json.RootElement.TryGetProperty("epochs", out var e) && e.TryGetInt32(out var epochs) ? epochs : 0;
    }
}
