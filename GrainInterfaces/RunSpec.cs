namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One run of a sweep: its run config as canonical JSON (the training core's <c>RunConfigJson</c> form), the
/// config's stable hash, the cell it belongs to (every factor but the seed) and the factor values that made it.
/// Configs cross grain calls and storage as JSON so the training core stays free of Orleans.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunSpec")]
public sealed record RunSpec(
    [property: Id(0)] string Hash,
    [property: Id(1)] string ConfigJson,
    [property: Id(2)] string CellKey,
    [property: Id(3)] bool IsBaseline,
    [property: Id(4)] FactorValue[] Factors);
