using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Scheduling;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// One sweep's header. Its stored state is a few fields whatever the sweep's size; its runs live in shards of a
/// bounded size. In memory it keeps one summary per shard (pushed by the shards), so a status answer and the choice of
/// the next run cost the same at run 10 as at run 100,000: the next run comes from the first shard with a run that can
/// start (a sorted set), and that shard hands out its first queued run in plan order.
/// </summary>
[GrainType("smartmixed-sweep")]
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepGrainState> state,
    IOptions<SweepSiloOptions> options,
    TimeProvider time,
    WorkSignal work,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain
{
    private const int ParallelShardCalls = 64;

    private readonly Dictionary<int, ShardSummary> _shards = [];
    private readonly SortedSet<int> _leasable = [];
    private readonly HashSet<int> _running = [];
    private RunCounts _counts = RunCounts.None;
    private long _epochsDone, _epochsPlanned, _epochsSaved;
    private bool _loaded;

    private string SweepId => this.GetPrimaryKeyString();
    private SweepGrainState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An ended sweep answers from its stored final counts; only a live one needs its shards' summaries.
        if (S.EndedAt is null && S.Shards > 0) await LoadShards();
        else _loaded = true;
        this.RegisterGrainTimer(Watchdog, new GrainTimerCreationOptions(options.Value.WatchdogInterval, options.Value.WatchdogInterval));
    }

    public async Task<SubmissionTicket> BeginSubmit(SweepSubmission submission)
    {
        SweepIds.Check(SweepId); // its id names checkpoints and export folders: never a path of its own choosing
        S.PendingSubmission = Guid.NewGuid();
        S.PendingHeader = submission;
        await Persist();
        return new SubmissionTicket(S.PendingSubmission.Value, S.Shards);
    }

    public async Task<SweepStatus> CommitSubmit(Guid submissionId, int shards)
    {
        if (S.PendingSubmission != submissionId || S.PendingHeader is not { } header)
            throw new InvalidOperationException($"another submission of sweep '{SweepId}' began after this one; submit it again");
        S.Description = header.Description ?? S.Description;
        S.SpecText = header.SpecText;
        S.Settings = header.Settings;
        S.Shards = Math.Max(S.Shards, shards);
        S.State = SweepState.Active;
        S.SubmittedAt ??= time.GetUtcNow();
        S.EndedAt = null;
        S.FinalCounts = null;
        S.PendingSubmission = null;
        S.PendingHeader = null;
        await Persist();
        await LoadShards(); // the submission changed shards: start from what they hold now
        await Registry().SetState(SweepId, S.State);
        SignalWork(); // again: the worker looks for sweeps in the registry, which knows this one only now
        SweepLog.Submitted(logger, SweepId, S.Shards);
        await CompleteIfEnded();
        return Status();
    }

    public Task<SweepStatus> GetStatus() => Task.FromResult(Status());

    public async Task<SweepStatus> Cancel()
    {
        if (S.State != SweepState.Active) return Status();
        S.State = SweepState.Cancelled;
        await Persist();
        await ForEachShard(Enumerable.Range(0, S.Shards).ToList(), shard => shard.Cancel());
        await Registry().SetState(SweepId, S.State);
        await CompleteIfEnded();
        return Status();
    }

    public async Task<int> Promote(string cellKey)
    {
        // A cancelled sweep's shards lease nothing: promoted runs would wait forever in a sweep that looks active.
        if (S.State == SweepState.Cancelled)
            throw new InvalidOperationException($"sweep {SweepId} was cancelled; submit its spec again to make it active, then promote");
        if (!_loaded) await LoadShards();
        int promoted = 0;
        foreach (var batch in Enumerable.Range(0, S.Shards).Chunk(ParallelShardCalls))
            promoted += (await Task.WhenAll(batch.Select(i => Shard(i).Promote(cellKey)))).Sum();
        if (promoted > 0 && S.State != SweepState.Active)
        {
            // The sweep has work again: it is active until the promoted runs end.
            S.State = SweepState.Active;
            S.EndedAt = null;
            S.FinalCounts = null;
            await Persist();
            await LoadShards();
            await Registry().SetState(SweepId, S.State);
        }
        SignalWork();
        return promoted;
    }

    public async Task<RunLease?> LeaseNext(string silo)
    {
        if (S.State != SweepState.Active || !_loaded) return null;
        // Shards push their summary during the lease, so each try sees the set as the last lease left it.
        foreach (var index in _leasable.Where(i => i < S.Shards).Take(4).ToList())
        {
            var lease = await Shard(index).Lease(silo);
            if (lease is not null) return lease;
        }
        return null;
    }

    public Task ShardChanged(ShardSummary summary)
    {
        int index = summary.Shard;
        bool counted = index < S.Shards;
        if (_shards.TryGetValue(index, out var old) && counted) Subtract(old);
        Track(summary);
        if (counted) Add(summary);
        if (counted && _loaded && S.EndedAt is null && !_counts.InFlight)
            _ = this.AsReference<ISweepGrain>().CompleteIfEnded(); // one-way: writes happen in a turn of their own
        return Task.CompletedTask;
    }

    /// <summary>
    /// Marks the sweep ended once every planned run has ended, and keeps the registry in step. Safe to call again:
    /// the watchdog does, so an end whose write failed is recorded on a later tick.
    /// </summary>
    public async Task CompleteIfEnded()
    {
        if (!_loaded || S.State == SweepState.Unknown || S.PendingSubmission is not null) return;
        if (S.EndedAt is null)
        {
            if (_counts.Total == 0 || _counts.InFlight) return;
            if (S.State == SweepState.Active) S.State = SweepState.Completed;
            S.EndedAt = time.GetUtcNow();
            S.FinalCounts = _counts;
            S.FinalEpochs = _epochsPlanned;
            S.FinalEpochsSaved = _epochsSaved;
            await Persist();
            SweepLog.Ended(logger, SweepId, S.State.ToString().ToLowerInvariant(), _counts.Done, _counts.Failed, _counts.Cancelled, _counts.Paused, _epochsSaved);
        }
        await Registry().SetState(SweepId, S.State);
    }

    private async Task Watchdog(CancellationToken cancellation)
    {
        if (S.EndedAt is null && S.State is SweepState.Active or SweepState.Cancelled && _loaded)
            await ForEachShard(_running.ToList(), shard => shard.Check());
        await CompleteIfEnded();
    }

    private async Task LoadShards()
    {
        _shards.Clear();
        _leasable.Clear();
        _running.Clear();
        _counts = RunCounts.None;
        _epochsDone = _epochsPlanned = _epochsSaved = 0;
        for (int start = 0; start < S.Shards; start += ParallelShardCalls)
        {
            var batch = Enumerable.Range(start, Math.Min(ParallelShardCalls, S.Shards - start)).ToList();
            var summaries = await Task.WhenAll(batch.Select(i => Shard(i).GetSummary()));
            // A summary pushed while we waited is newer than the one fetched: keep it.
            foreach (var summary in summaries)
                if (!_shards.ContainsKey(summary.Shard)) Track(summary);
        }
        _counts = RunCounts.None;
        _epochsDone = _epochsPlanned = _epochsSaved = 0;
        foreach (var summary in _shards.Values.Where(s => s.Shard < S.Shards)) Add(summary);
        _loaded = true;
        SignalWork();
    }

    /// <summary>Wakes this silo's idle worker when there is work to lease, so it need not wait for its next poll.</summary>
    private void SignalWork()
    {
        if (_loaded && _leasable.Count > 0 && S.State == SweepState.Active) work.Raise();
    }

    private async Task ForEachShard(IReadOnlyCollection<int> shards, Func<ISweepShardGrain, Task> call)
    {
        foreach (var batch in shards.Chunk(ParallelShardCalls))
            await Task.WhenAll(batch.Select(async i =>
            {
                try
                {
                    await call(Shard(i));
                }
                catch (Exception e) when (e is not StoredStateLayoutException)
                {
                    SweepLog.ShardUnreachable(logger, SweepId, i, e.Message); // the next watchdog tick tries again
                }
            }));
    }

    private void Track(ShardSummary summary)
    {
        _shards[summary.Shard] = summary;
        if (summary.Leasable == 0) _leasable.Remove(summary.Shard);
        else if (_leasable.Add(summary.Shard)) SignalWork(); // a retry or a promotion
        // The watchdog visits shards with runs in flight: running ones (their silo may die) and waiting ones (their rung).
        if (summary.Counts.Running + summary.Counts.Waiting > 0) _running.Add(summary.Shard); else _running.Remove(summary.Shard);
    }

    private void Add(ShardSummary s)
    {
        _counts = _counts.Plus(s.Counts);
        _epochsDone += s.EpochsDone;
        _epochsPlanned += s.EpochsPlanned;
        _epochsSaved += s.EpochsSaved;
    }

    private void Subtract(ShardSummary s)
    {
        _counts = _counts.Minus(s.Counts);
        _epochsDone -= s.EpochsDone;
        _epochsPlanned -= s.EpochsPlanned;
        _epochsSaved -= s.EpochsSaved;
    }

    private SweepStatus Status() => S.EndedAt is not null && S.FinalCounts is { } final
        ? new SweepStatus(SweepId, S.State, S.Description, final, S.FinalEpochs, S.FinalEpochs, S.Shards, S.SubmittedAt, S.EndedAt, S.Settings, S.FinalEpochsSaved)
        : new SweepStatus(SweepId, S.State, S.Description, _counts, _epochsDone, _epochsPlanned, S.Shards, S.SubmittedAt, S.EndedAt, S.Settings, _epochsSaved);

    /// <summary>Writes the state; if the write fails, this activation's memory may be ahead of storage, so it is dropped.</summary>
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

    private ISweepShardGrain Shard(int index) => GrainFactory.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(SweepId, index));

    private ISweepRegistryGrain Registry() => GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key);
}
