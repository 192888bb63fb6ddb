using System.Text.Json.Serialization;

namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One run of a sweep: its run config as canonical JSON (the training core's <c>RunConfigJson</c> form) and what the
/// scheduler and the tables need without reading that JSON: the config's stable hash, its cell (every factor but the
/// seed), its setting (the cell without the selection-only fields: what a SmartMixed cell shares with its baselines),
/// the baseline label (null for a SmartMixed run), the factor values that made it, its seed and epoch budget, and the
/// run whose result it needs first (a shuffled-assignment baseline needs its SmartMixed source).
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunSpec")]
public sealed record RunSpec(
    [property: Id(0)] string Hash,
    [property: Id(1)] string ConfigJson,
    [property: Id(2)] string CellKey,
    [property: Id(3)] string SettingKey,
    [property: Id(4)] string? Baseline,
    [property: Id(5)] FactorValue[] Factors,
    [property: Id(6)] int Seed,
    [property: Id(7)] int Epochs,
    [property: Id(8)] string? Source = null,
    [property: Id(9)] int? SwitchEpoch = null,
    [property: Id(10)] bool Stoppable = false)
{
    [JsonIgnore]
    public bool IsBaseline => Baseline is not null;
}
