using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Sweeps;

/// <summary>The cell summaries of one shard: bounded by the shard's runs, and holding no curves.</summary>
public sealed class AggregatorState
{
    public int Layout { get; set; } = StateLayout.Current;
    public Dictionary<string, CellEntry> Cells { get; set; } = [];

    /// <summary>Hashes of the shard's planned runs; null until a plan is set (then every outcome counts).</summary>
    public HashSet<string>? Plan { get; set; }
}

public sealed class CellEntry
{
    public string SettingKey { get; set; } = "";
    public string? Baseline { get; set; }
    public FactorValue[] Factors { get; set; } = [];
    public Dictionary<string, RunOutcome> Runs { get; set; } = [];
}
