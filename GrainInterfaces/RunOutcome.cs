namespace SmartMixed.GrainInterfaces;

/// <summary>
/// How one run ended, without its curve: what its shard, its cell's summary and every per-cell table need. Accuracies
/// and losses are those of the best-validation-loss epoch of the final phase, null if the run never got there.
/// <see cref="Selection"/> is the frozen assignment (or, for a run that stopped early, its last epoch's choice): per
/// hidden layer, neurons per function in <see cref="Functions"/> order.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunOutcome")]
public sealed record RunOutcome(
    [property: Id(0)] string Hash,
    [property: Id(1)] int Seed,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] string? FailureReason,
    [property: Id(4)] int EpochsRun,
    [property: Id(5)] int? SwitchEpoch,
    [property: Id(6)] int? BestEpoch,
    [property: Id(7)] double? ValidationAccuracy,
    [property: Id(8)] double? TestAccuracy,
    [property: Id(9)] double? ValidationLoss,
    [property: Id(10)] double? TestLoss,
    [property: Id(11)] double? FinalTrainLoss,
    [property: Id(12)] double WallSeconds,
    [property: Id(13)] string? Silo,
    [property: Id(14)] int Attempts,
    [property: Id(15)] int? ResumedFromEpoch,
    [property: Id(16)] string[] Functions,
    [property: Id(17)] int[][] Selection,
    [property: Id(18)] long? Phase1Steps = null,
    [property: Id(19)] long? Phase2Steps = null)
{
    /// <summary>An ended run with no numbers: cancelled before it started, or stopped with nothing finished.</summary>
    public static RunOutcome Empty(string hash, int seed, RunStatus status, string? reason, int epochsRun, string? silo, int attempts) =>
        new(hash, seed, status, reason, epochsRun, null, null, null, null, null, null, null, 0, silo, attempts, null, [], []);
}
