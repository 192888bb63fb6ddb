using Microsoft.Extensions.Logging;

namespace SmartMixed.Grains.Runs;

/// <summary>The log messages of run execution (source-generated).</summary>
internal static partial class RunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunHash} resumes after epoch {Epoch} from its checkpoint")]
    public static partial void Resumed(ILogger logger, string runHash, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunHash} done: test accuracy {TestAccuracy:P2} after {Epochs} epochs")]
    public static partial void Done(ILogger logger, string runHash, double testAccuracy, int epochs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunHash} stopped with its silo after epoch {Epoch}; its checkpoint is saved")]
    public static partial void StoppedGracefully(ILogger logger, string runHash, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunHash} interrupted mid-epoch: its silo is stopping; it resumes from its last checkpoint")]
    public static partial void Interrupted(ILogger logger, string runHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunHash} failed for good: {Reason}")]
    public static partial void FailedForGood(ILogger logger, string runHash, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunHash} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string runHash);

    [LoggerMessage(Level = LogLevel.Error, Message = "The checkpoint {Where} cannot be resumed from ({Reason}); the run fails and the checkpoint is kept")]
    public static partial void UnusableCheckpoint(ILogger logger, string where, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunHash} could not report its end: {Reason}")]
    public static partial void EndNotReported(ILogger logger, string runHash, string reason);
}
