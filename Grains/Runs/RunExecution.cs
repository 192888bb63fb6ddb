using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Metrics;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// Trains one leased run on the calling (background) thread: takes a training slot, loads the data, resumes from the
/// run's checkpoint if it has one, and trains epoch by epoch. Its training state is saved at most once per the sweep's
/// checkpoint interval, at the phase switch, and when the silo stops gracefully (after the epoch in flight, if it ends
/// within the grace period). No Orleans here beyond the records: the grain decides what to do with the result.
/// </summary>
public sealed class RunExecution(
    TrainingSlots slots,
    DatasetCache datasets,
    ICheckpointStore checkpoints,
    IOptions<SweepSiloOptions> options,
    ILogger<RunExecution> logger) : IRunExecutor
{
    public RunExecutionResult Execute(RunLease lease, Guid slotTicket, string silo, Action<RunProgress> progress, CancellationToken cancellation)
    {
        var spec = lease.Spec;
        var key = lease.RunKey;
        IReadOnlyList<EpochReport> history = [];
        int? resumedFrom = null;
        // A cancel stops at the next batch; a stopping silo lets the epoch in flight finish within its grace period.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var grace = slots.Stopping.Register(() => hardStop.CancelAfter(options.Value.StopGracePeriod));
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = lease.SweepId, ["RunHash"] = spec.Hash });
        try
        {
            using var slot = slots.AcquireAsync(slotTicket, hardStop.Token).GetAwaiter().GetResult();
            var config = RunConfigJson.Deserialize(spec.ConfigJson);
            using var data = datasets.Acquire(config.Data);
            using var session = ResumeOrStart(key, config, data.Data, lease.Source);
            history = session.History;
            if (session.EpochsCompleted > 0)
            {
                resumedFrom = session.EpochsCompleted;
                RunLog.Resumed(logger, spec.Hash, session.EpochsCompleted);
            }
            else
            {
                checkpoints.EnsureRoom(key, CheckpointSize.Estimate(config, data.Data.FeatureCount, data.Data.ClassCount));
            }
            progress(new RunProgress(spec.Hash, lease.LeaseId, RunStatus.Running, session.EpochsCompleted, session.TotalEpochs, silo, resumedFrom));

            var interval = TimeSpan.FromSeconds(Math.Max(0, lease.Settings.CheckpointSeconds));
            var sinceSave = Stopwatch.StartNew();
            while (!session.IsFinished)
            {
                if (slots.Stopping.IsCancellationRequested)
                {
                    checkpoints.Save(key, session.SaveCheckpoint);
                    checkpoints.Flush(key); // durable before the silo goes
                    RunLog.StoppedGracefully(logger, spec.Hash, session.EpochsCompleted);
                    return Interrupted(lease, spec, history, silo, resumedFrom);
                }
                int phase = session.Phase;
                var report = session.RunEpoch(hardStop.Token);
                progress(new RunProgress(spec.Hash, lease.LeaseId, RunStatus.Running, report.Epoch, session.TotalEpochs, silo, resumedFrom));
                if (report.Epoch == lease.PauseAtEpoch && !session.IsFinished && lease.Settings.EarlyStopping is { } rungs)
                {
                    // A rung of early stopping: save exactly here, free the slot, and wait for the cell's decision.
                    checkpoints.Save(key, session.SaveCheckpoint);
                    checkpoints.Flush(key);
                    return new RunExecutionResult(RunRecords.AtRung(lease.SweepId, spec, session.History, silo, lease.Attempt, resumedFrom, rungs), false);
                }
                if (!session.IsFinished && (session.Phase != phase || sinceSave.Elapsed >= interval))
                {
                    checkpoints.Save(key, session.SaveCheckpoint);
                    sinceSave.Restart();
                }
            }
            var result = session.Result();
            RunLog.Done(logger, spec.Hash, result.TestAccuracy, result.EpochsRun);
            return new RunExecutionResult(RunRecords.Done(lease.SweepId, spec, result, session.History, silo, lease.Attempt, resumedFrom), false);
        }
        catch (OperationCanceledException) when (slots.Stopping.IsCancellationRequested)
        {
            RunLog.Interrupted(logger, spec.Hash); // the grace period ran out mid-epoch: the last checkpoint stands
            return Interrupted(lease, spec, history, silo, resumedFrom);
        }
        catch (OperationCanceledException)
        {
            return new RunExecutionResult(RunRecords.Ended(lease.SweepId, spec, RunStatus.Cancelled, "cancelled", history, silo, lease.Attempt, resumedFrom), false);
        }
        catch (Exception e) when (IsPermanent(e))
        {
            RunLog.FailedForGood(logger, spec.Hash, e.Message);
            return new RunExecutionResult(RunRecords.Ended(lease.SweepId, spec, RunStatus.Failed, e.Message, history, silo, lease.Attempt, resumedFrom), false);
        }
        catch (Exception e)
        {
            var reason = e is CheckpointBudgetExceededException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            RunLog.Failed(logger, e, spec.Hash);
            return new RunExecutionResult(RunRecords.Ended(lease.SweepId, spec, RunStatus.Failed, reason, history, silo, lease.Attempt, resumedFrom), true);
        }
    }

    private static RunExecutionResult Interrupted(RunLease lease, RunSpec spec, IReadOnlyList<EpochReport> history, string silo, int? resumedFrom) =>
        new(RunRecords.Ended(lease.SweepId, spec, RunStatus.Running, "interrupted", history, silo, lease.Attempt, resumedFrom), false, Interrupted: true);

    /// <summary>
    /// Failures that the same config would meet again: divergence, bad configs, missing or corrupt data, a checkpoint
    /// that cannot be trusted.
    /// </summary>
    private static bool IsPermanent(Exception e) =>
        e is TrainingDivergedException or ConfigException or DatasetUnavailableException or DataFileException
            or UnknownDatasetException or System.Text.Json.JsonException or CorruptCheckpointException;

    /// <summary>
    /// A shuffled baseline's source: the layer shares its source run learned, in this run's pool order (the source's
    /// functions are matched by name, so a pool written in another order still fits).
    /// </summary>
    private static SourceAssignment? SourceOf(RunConfig config, RunSource? source)
    {
        if (source is null) return null;
        var pool = config.Pool.ToList();
        var layers = source.Selection.Select(counts =>
        {
            var ordered = new int[pool.Count];
            for (int k = 0; k < source.Functions.Length && k < counts.Length; k++)
            {
                int at = pool.FindIndex(f => string.Equals(f, source.Functions[k], StringComparison.OrdinalIgnoreCase));
                if (at < 0) throw new ConfigException("shuffled_from", $"its source run {source.Hash} selected '{source.Functions[k]}', which is not in this run's pool");
                ordered[at] = counts[k];
            }
            return (IReadOnlyList<int>)ordered;
        }).ToList();
        return new SourceAssignment(layers);
    }

    /// <summary>
    /// Resumes from the run's checkpoint when it has one. A checkpoint that cannot be trusted is never resumed from and
    /// never deleted: the run fails with a message that names it, and the user decides.
    /// </summary>
    private TrainingSession ResumeOrStart(string key, RunConfig config, TrainingData data, RunSource? source)
    {
        using var stream = checkpoints.Open(key);
        if (stream is null) return TrainingSession.Start(config, data, SourceOf(config, source));
        try
        {
            return TrainingSession.Resume(config, data, stream);
        }
        catch (Exception e) when (e is CorruptCheckpointException or InvalidDataException)
        {
            var where = checkpoints.Describe(key);
            var problem = e is CorruptCheckpointException corrupt ? corrupt.Problem : e.Message;
            RunLog.UnusableCheckpoint(logger, where, problem);
            throw new CorruptCheckpointException(
                $"its checkpoint cannot be resumed from ({problem}); it is kept as it is. Delete {where} to train the run " +
                "from its first epoch, then submit the sweep again", e).At(where);
        }
    }
}
