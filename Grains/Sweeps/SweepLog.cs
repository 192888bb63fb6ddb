using Microsoft.Extensions.Logging;

namespace SmartMixed.Grains.Sweeps;

/// <summary>The log messages of the sweep grains (source-generated: no formatting cost when a level is off).</summary>
internal static partial class SweepLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: submitted, {Shards} shard(s)")]
    public static partial void Submitted(ILogger logger, string sweepId, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} {State}: {Done} done, {Failed} failed, {Cancelled} cancelled, {Paused} paused by early stopping ({EpochsSaved} epochs saved)")]
    public static partial void Ended(ILogger logger, string sweepId, string state, int done, int failed, int cancelled, int paused, long epochsSaved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: rung {Rung} of group {Group} decided over {Cells} cell(s): the best {Kept} kept, cutoff {Cutoff}, leader {Leader}")]
    public static partial void RungDecided(ILogger logger, string sweepId, int rung, string group, int cells, int kept, double cutoff, string leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: run {RunHash} failed ({Reason}); retrying")]
    public static partial void Retrying(ILogger logger, string sweepId, string runHash, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: run {RunHash} was on {Silo}, which is gone; re-queued to resume from its checkpoint")]
    public static partial void SiloGone(ILogger logger, string sweepId, string runHash, string? silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: run {RunHash} is not training anywhere; re-queued")]
    public static partial void Silent(ILogger logger, string sweepId, string runHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: run {RunHash} had finished without its end being recorded; recording it now")]
    public static partial void RecoveredEnd(ILogger logger, string sweepId, string runHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} could not tell the sweep of its change ({Reason}); it tries again within a second")]
    public static partial void SummaryNotDelivered(ILogger logger, string sweepId, int shard, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: the checkpoint of run {RunHash} could not be deleted ({Reason})")]
    public static partial void CheckpointNotDeleted(ILogger logger, string sweepId, string runHash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: shard {Shard} did not answer its watchdog ({Reason})")]
    public static partial void ShardUnreachable(ILogger logger, string sweepId, int shard, string reason);
}
