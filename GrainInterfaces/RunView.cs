namespace SmartMixed.GrainInterfaces;

/// <summary>One run as a status answer shows it.</summary>
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
    [property: Id(8)] bool IsBaseline);
