namespace SmartMixed.GrainInterfaces;

/// <summary>
/// The running summary of one cell (all seeds of one point of the grid, or one baseline setting): its labels and the
/// outcome of each of its ended runs, without curves. Bounded by the cell's seeds; every per-cell statistic (counts,
/// means, spreads, paired differences, selection shares and their diversity) is computed from it.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.CellSummary")]
public sealed record CellSummary(
    [property: Id(0)] string CellKey,
    [property: Id(1)] string SettingKey,
    [property: Id(2)] string? Baseline,
    [property: Id(3)] FactorValue[] Factors,
    [property: Id(4)] RunOutcome[] Runs);
