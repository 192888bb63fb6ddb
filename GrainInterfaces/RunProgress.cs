namespace SmartMixed.GrainInterfaces;

/// <summary>A running run's progress, reported to its sweep after each epoch.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] string Hash,
    [property: Id(1)] long LeaseId,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] int Epoch,
    [property: Id(4)] int Epochs,
    [property: Id(5)] string? Silo,
    [property: Id(6)] int? ResumedFromEpoch);
