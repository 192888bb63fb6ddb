namespace SmartMixed.GrainInterfaces;

/// <summary>One epoch of a run's learning curve. Temperature and flip rate are null outside phase 1.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.EpochPoint")]
public sealed record EpochPoint(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Phase,
    [property: Id(2)] double? Temperature,
    [property: Id(3)] double TrainLoss,
    [property: Id(4)] double ValidationLoss,
    [property: Id(5)] double ValidationAccuracy,
    [property: Id(6)] double? FlipRate,
    [property: Id(7)] LayerCounts[] Selection,
    [property: Id(8)] double WallSeconds);
