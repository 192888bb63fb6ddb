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
/// How a run ended, and whether trying again could help. <paramref name="Interrupted"/>: its silo is stopping, so
/// nothing ended: the run is re-leased elsewhere and resumes from its checkpoint.
/// </summary>
public sealed record RunOutcome(RunRecord Record, bool Retryable, bool Interrupted = false);

/// <summary>
/// Executes one leased run on the calling (background) thread: takes a training slot, loads the data, resumes
/// from the run's checkpoint if it has one, trains epoch by epoch with a checkpoint every N epochs, and returns
/// the outcome. No Orleans here beyond the records: the grain decides what to do with the outcome.
/// </summary>
public sealed class RunExecution(
    TrainingSlots slots,
    DatasetCache datasets,
    ICheckpointStore checkpoints,
    IOptions<SweepSiloOptions> options,
    ILogger<RunExecution> logger)
{
    public RunOutcome Execute(RunLease lease, Guid slotTicket, string silo, Action<RunProgress> progress, CancellationToken cancellation)
    {
        var spec = lease.Spec;
        var key = CheckpointKeys.For(lease.SweepId, spec.Hash);
        IReadOnlyList<EpochReport> history = [];
        int? resumedFrom = null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, slots.Stopping);
        cancellation = linked.Token;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = lease.SweepId, ["RunHash"] = spec.Hash });
        try
        {
            using var slot = slots.AcquireAsync(slotTicket, cancellation).GetAwaiter().GetResult();
            var config = RunConfigJson.Deserialize(spec.ConfigJson);
            var data = datasets.Get(config.Data);
            using var session = ResumeOrStart(key, config, data);
            history = session.History;
            if (session.EpochsCompleted > 0)
            {
                resumedFrom = session.EpochsCompleted;
                logger.LogInformation("Run {RunHash} resumes after epoch {Epoch} from its checkpoint", spec.Hash, resumedFrom);
            }
            progress(new RunProgress(spec.Hash, lease.LeaseId, RunStatus.Running, session.EpochsCompleted, config.Epochs, silo, resumedFrom));

            int every = Math.Max(1, options.Value.CheckpointEvery);
            while (!session.IsFinished)
            {
                var report = session.RunEpoch(cancellation);
                if (report.Epoch % every == 0 && !session.IsFinished) checkpoints.Save(key, session.SaveCheckpoint);
                progress(new RunProgress(spec.Hash, lease.LeaseId, RunStatus.Running, report.Epoch, config.Epochs, silo, resumedFrom));
            }
            var result = session.Result();
            logger.LogInformation("Run {RunHash} done: test accuracy {TestAccuracy:P2} after {Epochs} epochs", spec.Hash, result.TestAccuracy, result.EpochsRun);
            return new RunOutcome(RunRecords.Done(lease.SweepId, spec, result, session.History, silo, lease.Attempt, resumedFrom), false);
        }
        catch (OperationCanceledException) when (slots.Stopping.IsCancellationRequested)
        {
            logger.LogInformation("Run {RunHash} interrupted: its silo is stopping", spec.Hash);
            return new RunOutcome(RunRecords.Ended(lease.SweepId, spec, RunStatus.Running, "interrupted", history, silo, lease.Attempt, resumedFrom), false, Interrupted: true);
        }
        catch (OperationCanceledException)
        {
            return new RunOutcome(RunRecords.Ended(lease.SweepId, spec, RunStatus.Cancelled, "cancelled", history, silo, lease.Attempt, resumedFrom), false);
        }
        catch (Exception e) when (IsPermanent(e))
        {
            logger.LogWarning("Run {RunHash} failed for good: {Reason}", spec.Hash, e.Message);
            return new RunOutcome(RunRecords.Ended(lease.SweepId, spec, RunStatus.Failed, e.Message, history, silo, lease.Attempt, resumedFrom), false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunHash} failed", spec.Hash);
            return new RunOutcome(RunRecords.Ended(lease.SweepId, spec, RunStatus.Failed, $"{e.GetType().Name}: {e.Message}", history, silo, lease.Attempt, resumedFrom), true);
        }
    }

    /// <summary>Failures that the same config would meet again: divergence, bad configs, missing or corrupt data.</summary>
    private static bool IsPermanent(Exception e) =>
        e is TrainingDivergedException or ConfigException or DatasetUnavailableException or DataFileException
            or UnknownDatasetException or System.Text.Json.JsonException;

    private TrainingSession ResumeOrStart(string key, RunConfig config, TrainingData data)
    {
        using var stream = checkpoints.Open(key);
        if (stream is null) return TrainingSession.Start(config, data);
        try
        {
            return TrainingSession.Resume(config, data, stream);
        }
        catch (InvalidDataException e)
        {
            logger.LogWarning("Checkpoint of {RunKey} is unusable ({Reason}); starting the run from epoch 1", key, e.Message);
            return TrainingSession.Start(config, data);
        }
    }
}
