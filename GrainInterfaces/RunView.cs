namespace SmartMixed.GrainInterfaces;

/// <summary>One planned run as a status listing shows it.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunView")]
public sealed record RunView(
    [property: Id(0)] string Hash,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] int Epoch,
    [property: Id(3)] int Epochs,
    [property: Id(4)] string? Silo,
    [property: Id(5)] string? FailureReason,
    [property: Id(6)] int Attempts,
    [property: Id(7)] FactorValue[] Factors,
    [property: Id(8)] string? Baseline,
    [property: Id(9)] long Position,
    [property: Id(10)] int Shard,
    [property: Id(11)] int? StoppedAt = null);

/// <summary>One planned run for an export: its spec, where it stands, and its durable record once it has ended.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunRow")]
public sealed record RunRow(
    [property: Id(0)] RunSpec Spec,
    [property: Id(1)] RunView View,
    [property: Id(2)] RunRecord? Record);
