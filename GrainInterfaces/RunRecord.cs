namespace SmartMixed.GrainInterfaces;

/// <summary>
/// What a sweep knows of one run once it has ended (done, failed or cancelled): the input of every table.
/// Accuracies and losses are those of the best-validation-loss epoch of the final phase; null if the run never
/// got there. <see cref="Selection"/> is the frozen (final) assignment.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunRecord")]
public sealed record RunRecord(
    [property: Id(0)] string SweepId,
    [property: Id(1)] RunSpec Spec,
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
    [property: Id(14)] LayerCounts[] Selection,
    [property: Id(15)] EpochPoint[] Curve,
    [property: Id(16)] int Attempts,
    [property: Id(17)] int? ResumedFromEpoch);
