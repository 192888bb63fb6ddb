using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// A bounded slice of a sweep's runs: whole cells, in plan order. Hands out its queued runs in plan order (a run that
/// needs another run's result waits for it), takes their progress and ends, retries failed attempts, re-queues runs
/// whose silo died, and pushes its summary to the sweep after every change. Its per-event write (the index) is bounded
/// by the shard's size, never the sweep's; its specs are written only when a submission changes them.
/// </summary>
[GrainType("smartmixed-shard")]
[CollectionAgeLimit(Minutes = 5)]
public sealed class SweepShardGrain(
    [PersistentState("shard-specs", StorageNames.Sweeps)] IPersistentState<ShardSpecsState> specs,
    [PersistentState("shard-index", StorageNames.Sweeps)] IPersistentState<ShardIndexState> index,
    IClusterMembershipService membership,
    ICheckpointStore checkpoints,
    RunRecordReader records,
    IOptions<SweepSiloOptions> options,
    TimeProvider time,
    ILogger<SweepShardGrain> logger) : Grain, ISweepShardGrain
{
    private readonly Dictionary<string, RunSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunEntry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Position, string Hash)> _queue = [];
    private readonly Dictionary<(int Rung, string Group), int> _sentArrivals = [];
    private readonly HashSet<(int Rung, string Group)> _decided = [];
    private string _sweepId = "";
    private int _shard;
    private bool _progressDirty;
    private DateTimeOffset _lastArrivalResend;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (sweepId, rest) = SweepIds.Split(this.GetPrimaryKeyString());
        _sweepId = sweepId;
        _shard = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var spec in specs.State.Runs) _specs[spec.Hash] = spec;
        foreach (var entry in index.State.Runs)
        {
            if (!_specs.ContainsKey(entry.Hash)) continue; // a spec write that never completed: the submission is repeated
            _entries[entry.Hash] = entry;
            if (entry.Status == RunStatus.Queued && !entry.Retired) _queue.Add((entry.Position, entry.Hash));
        }
        // Progress arrives once a second per running run; the sweep hears of it at most once a second too.
        this.RegisterGrainTimer(PushProgress, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<ShardRunKey[]> GetKeys() =>
        Task.FromResult(_entries.Values.Select(e => new ShardRunKey(e.Hash, _specs[e.Hash].CellKey)).ToArray());

    public async Task Apply(ShardPlan plan)
    {
        bool specsChanged = specs.State.Settings != plan.Settings;
        specs.State.Settings = plan.Settings;
        foreach (var run in plan.Runs)
        {
            if (_specs.ContainsKey(run.Hash)) continue;
            var spec = run.Spec ?? throw new ArgumentException($"shard {_shard} of sweep {_sweepId} has no run {run.Hash}; its spec is needed");
            // A run's hash names its grain and its checkpoint: only 16 hex digits, whoever submits.
            if (!SweepIds.IsRunHash(spec.Hash) || spec.Hash != run.Hash || (spec.Source is { } source && !SweepIds.IsRunHash(source)))
                throw new ArgumentException($"'{run.Hash}' is not a run hash (16 hex digits) of sweep {_sweepId}");
            _specs[run.Hash] = spec;
            specs.State.Runs.Add(spec);
            specsChanged = true;
        }
        if (specsChanged) await Persist(specs); // specs first: an index entry never lacks its spec

        var planned = plan.Runs.ToDictionary(r => r.Hash, StringComparer.Ordinal);
        var ended = new List<RunEntry>();
        foreach (var run in plan.Runs)
        {
            if (_entries.TryGetValue(run.Hash, out var entry))
            {
                entry.Retired = false;
                if (entry.Position != run.Position)
                {
                    Dequeue(entry);
                    entry.Position = run.Position;
                }
                // Resubmission reruns nothing that finished; runs that failed or were cancelled get another chance.
                if (entry.Status is RunStatus.Failed or RunStatus.Cancelled) Requeue(entry, keepFailures: false);
                else if (entry.Status == RunStatus.Queued) Enqueue(entry);
            }
            else
            {
                entry = new RunEntry { Hash = run.Hash, Position = run.Position, Status = RunStatus.Queued };
                _entries[run.Hash] = entry;
                index.State.Runs.Add(entry);
                Enqueue(entry);
            }
        }
        // The latest submission is the plan: runs it no longer names are retired (queued ones never start).
        foreach (var entry in _entries.Values.Where(e => !e.Retired && !planned.ContainsKey(e.Hash)))
        {
            entry.Retired = true;
            if (entry.Status == RunStatus.Queued)
            {
                Dequeue(entry);
                entry.Status = RunStatus.Cancelled;
                entry.FailureReason = "no longer in the sweep's spec";
                ended.Add(entry);
            }
            else if (entry.Status == RunStatus.Running)
            {
                entry.CancelRequested = true;
                await RunGrain(entry).Cancel(entry.Leases);
            }
        }
        if (plan.Settings.EarlyStopping is null)
        {
            // A spec without early stopping resumes what it stopped (from the checkpoints at their rungs).
            foreach (var entry in _entries.Values.Where(e => !e.Retired && e.Status is RunStatus.Paused or RunStatus.Waiting))
            {
                entry.Promoted = true;
                entry.StoppedAt = null;
                Requeue(entry, keepFailures: true);
            }
        }
        index.State.Cancelled = false; // submitting again makes a cancelled sweep active again
        await Aggregator().SetPlan(planned.Keys.ToArray());
        await Persist(index);
        DeleteCheckpoints(ended);
        await PushSummary();
        SendArrivals();
    }

    public async Task<RunLease?> Lease(string silo)
    {
        if (index.State.Cancelled) return null;
        RunEntry? next = null;
        foreach (var (_, hash) in _queue)
        {
            var candidate = _entries[hash];
            if (SourceOf(candidate) is { IsEnded: false }) continue; // waits for the run it starts from
            next = candidate;
            break;
        }
        if (next is null) return null;

        var spec = _specs[next.Hash];
        RunSource? source = null;
        if (SourceOf(next) is { } sourceEntry)
        {
            if (sourceEntry.Status != RunStatus.Done || sourceEntry.Selection is null)
            {
                // The run it starts from will never produce a selection: this run cannot run either.
                Dequeue(next);
                next.Status = RunStatus.Failed;
                next.FailureReason = $"its source run {sourceEntry.Hash} did not finish ({sourceEntry.Status.ToString().ToLowerInvariant()})";
                await Aggregator().Report([EndOf(next, RunOutcome.Empty(next.Hash, spec.Seed, RunStatus.Failed, next.FailureReason, 0, null, next.Leases))]);
                await Persist(index);
                await PushSummary();
                return await Lease(silo);
            }
            source = sourceEntry.Selection;
        }

        Dequeue(next);
        next.Status = RunStatus.Running;
        next.Silo = silo;
        next.Leases++;
        next.LeasedAt = time.GetUtcNow();
        next.CancelRequested = false;
        await Persist(index); // a lease is durable before the silo acts on it
        await PushSummary();
        return new RunLease(_sweepId, _shard, spec, next.Leases, next.Leases, specs.State.Settings, source,
            RungRules.NextRung(specs.State.Settings.EarlyStopping, spec, next));
    }

    public Task ReportProgress(RunProgress progress)
    {
        if (_entries.TryGetValue(progress.Hash, out var entry) && entry.Status == RunStatus.Running && entry.Leases == progress.LeaseId)
        {
            entry.Epoch = progress.Epoch;
            entry.Silo = progress.Silo ?? entry.Silo;
            _progressDirty = true;
        }
        return Task.CompletedTask;
    }

    public async Task<bool> ReportEnded(long leaseId, RunOutcome outcome, bool retryable)
    {
        if (!_entries.TryGetValue(outcome.Hash, out var entry)) return false;
        if (entry.Leases != leaseId || entry.Status != RunStatus.Running) return entry.IsEnded; // stale: re-leased, or already ended

        if (outcome.Status == RunStatus.Waiting)
        {
            await Wait(entry, outcome);
            return false; // its checkpoint at the rung is where it goes on from
        }

        if (outcome.Status == RunStatus.Failed && retryable && !index.State.Cancelled && !entry.CancelRequested
            && entry.Failures + 1 < Math.Max(1, options.Value.MaxAttempts))
        {
            entry.Failures++;
            entry.FailureReason = outcome.FailureReason;
            Requeue(entry, keepFailures: true);
            SweepLog.Retrying(logger, _sweepId, entry.Hash, outcome.FailureReason);
            await Persist(index);
            await PushSummary();
            return false;
        }

        await End(entry, outcome with { Attempts = entry.Leases }, deleteCheckpoint: false); // the run's grain deletes it, after its own writes
        return true;
    }

    public async Task Cancel()
    {
        if (index.State.Cancelled) return;
        index.State.Cancelled = true;
        var ended = new List<RunEntry>();
        foreach (var entry in _entries.Values.Where(e => !e.Retired))
        {
            if (entry.Status is RunStatus.Queued or RunStatus.Waiting)
            {
                Dequeue(entry);
                entry.FailureReason = entry.Status == RunStatus.Queued ? "cancelled before it started" : $"cancelled while waiting at epoch {entry.Epoch}";
                entry.Status = RunStatus.Cancelled;
                ended.Add(entry);
            }
            else if (entry.Status == RunStatus.Running)
            {
                entry.CancelRequested = true;
                await RunGrain(entry).Cancel(entry.Leases);
            }
        }
        if (ended.Count > 0)
            await Aggregator().Report(ended.Select(e => EndOf(e, RunOutcome.Empty(e.Hash, _specs[e.Hash].Seed, RunStatus.Cancelled, e.FailureReason, e.Epoch, e.Silo, e.Leases))).ToArray());
        await Persist(index);
        DeleteCheckpoints(ended);
        await PushSummary();
    }

    public async Task Check()
    {
        var alive = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        bool changed = false;
        foreach (var entry in _entries.Values.Where(e => e.Status == RunStatus.Running).ToList())
        {
            bool stopping = index.State.Cancelled || entry.CancelRequested;
            if (entry.Silo is null || !alive.Contains(entry.Silo))
            {
                if (stopping)
                {
                    await End(entry, RunOutcome.Empty(entry.Hash, _specs[entry.Hash].Seed, RunStatus.Cancelled, "cancelled (its silo stopped)", entry.Epoch, entry.Silo, entry.Leases));
                    continue;
                }
                SweepLog.SiloGone(logger, _sweepId, entry.Hash, entry.Silo);
                Requeue(entry, keepFailures: true);
                changed = true;
                continue;
            }
            // A run can be "running" on a live silo that no longer trains it: its end could not be recorded (a failed
            // write), or its activation was lost. Ask the run grain; take its durable record, or re-queue the run.
            if (entry.LeasedAt is not { } at || now - at <= options.Value.SlotReservationTimeout) continue;
            var run = RunGrain(entry);
            var progress = await run.GetStatus();
            if (progress is { Status: RunStatus.Running } && progress.LeaseId == entry.Leases) continue;
            var record = await run.GetRecord();
            if (record is { Outcome.Status: RunStatus.Done })
            {
                SweepLog.RecoveredEnd(logger, _sweepId, entry.Hash);
                await End(entry, record.Outcome with { Attempts = entry.Leases });
            }
            else if (stopping)
            {
                await End(entry, RunOutcome.Empty(entry.Hash, _specs[entry.Hash].Seed, RunStatus.Cancelled, "cancelled", entry.Epoch, entry.Silo, entry.Leases));
            }
            else
            {
                SweepLog.Silent(logger, _sweepId, entry.Hash);
                Requeue(entry, keepFailures: true);
                changed = true;
            }
        }
        if (changed)
        {
            await Persist(index);
            await PushSummary();
        }
        if (_entries.Values.Any(e => e.Status == RunStatus.Waiting)) SendArrivals(force: true); // the watchdog also keeps rungs moving
    }

    public Task<ShardSummary> GetSummary() => Task.FromResult(Summary());

    public Task<RunView[]> GetRuns() => Task.FromResult(Planned().Select(View).ToArray());

    public Task<RunSpec[]> GetSpecs() => Task.FromResult(Planned().Select(e => _specs[e.Hash]).ToArray());

    public Task<CellRungValues[]> GetRungValues(int rung, string group) =>
        Task.FromResult(CellsOf(rung, group).Where(c => RungRules.Arrived(c.Runs, rung)).Select(c => ValuesOf(c.CellKey, c.Runs, rung)).ToArray());

    public async Task ApplyDecision(RungDecision decision)
    {
        _decided.Add((decision.Rung, decision.Group));
        var paused = new List<RunEntry>();
        bool changed = false;
        foreach (var (cellKey, runs) in CellsOf(decision.Rung, decision.Group))
        {
            var waiting = runs.Where(e => e.Status == RunStatus.Waiting && e.RungEpoch == decision.Rung).ToList();
            if (waiting.Count == 0) continue; // decided before (a repeated decision changes nothing)
            bool stop = RungRules.Stops(decision, ValuesOf(cellKey, runs, decision.Rung));
            foreach (var entry in waiting)
            {
                changed = true;
                if (stop)
                {
                    entry.Status = RunStatus.Paused;
                    entry.StoppedAt = decision.Rung;
                    entry.FailureReason = $"stopped at epoch {decision.Rung}";
                    paused.Add(entry);
                }
                else
                {
                    entry.PassedRung = decision.Rung;
                    entry.FailureReason = null;
                    Requeue(entry, keepFailures: true); // resumes from its checkpoint at the rung
                }
            }
        }
        if (!changed) return;
        if (paused.Count > 0)
            await Aggregator().Report(paused.Select(e => EndOf(e, RunOutcome.Empty(e.Hash, _specs[e.Hash].Seed, RunStatus.Paused, e.FailureReason, e.Epoch, e.Silo, e.Leases)
                with { ValidationLoss = decision.LowerIsBetter ? e.RungValue : null, ValidationAccuracy = decision.LowerIsBetter ? null : e.RungValue })).ToArray());
        await Persist(index);
        await PushSummary();
        SendArrivals();
    }

    public async Task<int> Promote(string cellKey)
    {
        int promoted = 0;
        foreach (var entry in _entries.Values.Where(e => !e.Retired && _specs[e.Hash].CellKey == cellKey))
        {
            entry.Promoted = true;
            if (entry.Status is not (RunStatus.Paused or RunStatus.Waiting)) continue;
            entry.StoppedAt = null;
            entry.FailureReason = null;
            Requeue(entry, keepFailures: true); // resumes from the checkpoint it saved at its rung
            promoted++;
        }
        if (promoted == 0) return 0;
        await Persist(index);
        await PushSummary();
        SendArrivals();
        return promoted;
    }

    public async Task<RunRow[]> GetRows(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var page = Planned().Skip(offset).Take(count).ToList();
        var rows = await Task.WhenAll(page.Select(async e =>
        {
            // Only a run that was handed out can have a record; read it straight from storage (no activation per run).
            var record = e.Leases > 0 && (e.IsEnded || e.Status is RunStatus.Paused or RunStatus.Waiting)
                ? await records.ReadAsync(SweepIds.RunKey(_sweepId, e.Hash))
                : null;
            return new RunRow(_specs[e.Hash], View(e), record);
        }));
        // A finished shard read to its end by an export gives its memory back at once.
        if (offset + page.Count >= Planned().Count() && _queue.Count == 0 && _entries.Values.All(e => e.Status != RunStatus.Running))
            DeactivateOnIdle();
        return rows;
    }

    /// <summary>Records a run's end for good: durable in its cell's summary first, then in the index.</summary>
    private async Task End(RunEntry entry, RunOutcome outcome, bool deleteCheckpoint = true)
    {
        await Aggregator().Report([EndOf(entry, outcome)]);
        entry.Status = outcome.Status;
        entry.Epoch = outcome.EpochsRun;
        entry.FailureReason = outcome.FailureReason;
        entry.Silo = outcome.Silo ?? entry.Silo;
        if (outcome.Status == RunStatus.Failed) entry.Failures++;
        if (outcome.Status == RunStatus.Done && _specs.Values.Any(s => s.Source == entry.Hash))
            entry.Selection = new RunSource(entry.Hash, outcome.Functions, outcome.Selection);
        await Persist(index);
        await PushSummary();
        if (deleteCheckpoint) DeleteCheckpoints([entry]);
        SendArrivals(); // a run that ends before a rung no longer holds its cell back
    }

    /// <summary>A run reached a rung: it waits (holding no slot) for its cell's decision.</summary>
    private async Task Wait(RunEntry entry, RunOutcome outcome)
    {
        entry.Epoch = outcome.EpochsRun;
        entry.Silo = null;
        if (specs.State.Settings.EarlyStopping is not { } settings)
        {
            entry.PassedRung = outcome.EpochsRun; // early stopping was turned off meanwhile: it simply goes on
            Requeue(entry, keepFailures: true);
        }
        else
        {
            entry.Status = RunStatus.Waiting;
            entry.RungEpoch = outcome.EpochsRun;
            entry.RungValue = RungRules.Metric(settings, outcome);
        }
        await Persist(index);
        await PushSummary();
        SendArrivals();
    }

    /// <summary>
    /// Tells each rung grain of the shard's groups how many of its cells there have reached the rung. One-way and
    /// cumulative: a lost message is made good by the next (a timer repeats them while decisions are pending).
    /// </summary>
    private void SendArrivals(bool force = false)
    {
        if (specs.State.Settings.EarlyStopping is not { } settings) return;
        foreach (var rung in settings.Rungs)
            foreach (var group in Planned().Select(e => _specs[e.Hash]).Where(s => EarlyStoppingGroups.Compares(s, rung))
                         .Select(s => EarlyStoppingGroups.Group(s, rung)).Distinct())
            {
                if (_decided.Contains((rung, group))) continue;
                int arrived = CellsOf(rung, group).Count(c => RungRules.Arrived(c.Runs, rung));
                if (!force && _sentArrivals.TryGetValue((rung, group), out var sent) && sent == arrived) continue;
                _sentArrivals[(rung, group)] = arrived;
                _ = GrainFactory.GetGrain<IRungGrain>(EarlyStoppingGroups.RungKey(_sweepId, rung, group)).Arrived(_shard, arrived);
            }
    }

    /// <summary>The shard's cells that the rung compares in the group, with their planned runs.</summary>
    private IEnumerable<(string CellKey, List<RunEntry> Runs)> CellsOf(int rung, string group) =>
        Planned()
            .Where(e => EarlyStoppingGroups.Compares(_specs[e.Hash], rung) && EarlyStoppingGroups.Group(_specs[e.Hash], rung) == group)
            .GroupBy(e => _specs[e.Hash].CellKey, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList()));

    private CellRungValues ValuesOf(string cellKey, List<RunEntry> runs, int rung)
    {
        var waiting = runs.Where(e => e.Status == RunStatus.Waiting && e.RungEpoch == rung && e.RungValue is not null)
            .OrderBy(e => _specs[e.Hash].Seed).ToList();
        bool stoppable = runs.All(e => _specs[e.Hash].Stoppable && !e.Promoted);
        return new CellRungValues(cellKey, stoppable, waiting.Select(e => _specs[e.Hash].Seed).ToArray(), waiting.Select(e => e.RungValue!.Value).ToArray());
    }

    private CellRunEnd EndOf(RunEntry entry, RunOutcome outcome)
    {
        var spec = _specs[entry.Hash];
        return new CellRunEnd(spec.CellKey, spec.SettingKey, spec.Baseline, spec.Factors.Where(f => f.Name != "seed").ToArray(), outcome);
    }

    private void Requeue(RunEntry entry, bool keepFailures)
    {
        entry.Status = RunStatus.Queued;
        entry.Silo = null;
        entry.CancelRequested = false;
        if (!keepFailures)
        {
            entry.Failures = 0;
            entry.FailureReason = null;
        }
        if (!entry.Retired) Enqueue(entry);
    }

    private void Enqueue(RunEntry entry) => _queue.Add((entry.Position, entry.Hash));

    private void Dequeue(RunEntry entry) => _queue.Remove((entry.Position, entry.Hash));

    private RunEntry? SourceOf(RunEntry entry) =>
        _specs[entry.Hash].Source is { } source ? _entries.GetValueOrDefault(source) : null;

    private IEnumerable<RunEntry> Planned() => index.State.Runs.Where(e => !e.Retired && _entries.ContainsKey(e.Hash)).OrderBy(e => e.Position);

    private ShardSummary Summary()
    {
        int queued = 0, running = 0, done = 0, failed = 0, cancelled = 0, waiting = 0, paused = 0, leasable = 0;
        long epochsDone = 0, epochsPlanned = 0, epochsSaved = 0;
        foreach (var entry in _entries.Values)
        {
            if (entry.Retired) continue;
            int epochs = _specs[entry.Hash].Epochs;
            epochsPlanned += Math.Max(epochs, entry.Epoch);
            // A paused run counts as finished for progress; the epochs it did not train are saved.
            epochsDone += entry.IsEnded || entry.Status == RunStatus.Paused ? Math.Max(epochs, entry.Epoch) : entry.Epoch;
            if (entry.Status == RunStatus.Paused) epochsSaved += Math.Max(0, epochs - entry.Epoch);
            switch (entry.Status)
            {
                case RunStatus.Queued:
                    queued++;
                    if (!index.State.Cancelled && SourceOf(entry) is not { IsEnded: false }) leasable++;
                    break;
                case RunStatus.Running: running++; break;
                case RunStatus.Done: done++; break;
                case RunStatus.Failed: failed++; break;
                case RunStatus.Cancelled: cancelled++; break;
                case RunStatus.Waiting: waiting++; break;
                case RunStatus.Paused: paused++; break;
            }
        }
        return new ShardSummary(_shard, new RunCounts(queued, running, done, failed, cancelled, waiting, paused), leasable, epochsDone, epochsPlanned, epochsSaved);
    }

    private RunView View(RunEntry e)
    {
        var spec = _specs[e.Hash];
        return new RunView(e.Hash, e.Status, e.Epoch, spec.Epochs, e.Silo, e.FailureReason, e.Leases, spec.Factors, spec.Baseline, e.Position, _shard, e.StoppedAt);
    }

    private async Task PushSummary()
    {
        _progressDirty = false;
        try
        {
            await GrainFactory.GetGrain<ISweepGrain>(_sweepId).ShardChanged(Summary());
        }
        catch (Exception e)
        {
            // Sent again by the progress timer: the sweep may stay active for days and must not keep a stale view.
            _progressDirty = true;
            SweepLog.SummaryNotDelivered(logger, _sweepId, _shard, e.Message);
        }
    }

    private Task PushProgress(CancellationToken _)
    {
        // While runs wait at a rung, repeat the arrival counts now and then: they travel one-way.
        if (time.GetUtcNow() - _lastArrivalResend > TimeSpan.FromSeconds(10) && _entries.Values.Any(e => e.Status == RunStatus.Waiting))
        {
            _lastArrivalResend = time.GetUtcNow();
            SendArrivals(force: true);
        }
        return _progressDirty ? PushSummary() : Task.CompletedTask;
    }

    private void DeleteCheckpoints(IEnumerable<RunEntry> ended)
    {
        foreach (var entry in ended)
        {
            if (entry.Leases == 0) continue; // never ran: it has no checkpoint
            try
            {
                checkpoints.Delete(SweepIds.RunKey(_sweepId, entry.Hash));
            }
            catch (Exception e)
            {
                SweepLog.CheckpointNotDeleted(logger, _sweepId, entry.Hash, e.Message);
            }
        }
    }

    /// <summary>Writes a state; if the write fails, this activation's memory may be ahead of storage, so it is dropped.</summary>
    private async Task Persist<T>(IPersistentState<T> facet)
    {
        try
        {
            await facet.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private ITrainingRunGrain RunGrain(RunEntry entry) => GrainFactory.GetGrain<ITrainingRunGrain>(SweepIds.RunKey(_sweepId, entry.Hash));

    private ISweepAggregatorGrain Aggregator() => GrainFactory.GetGrain<ISweepAggregatorGrain>(SweepIds.ShardKey(_sweepId, _shard));
}
