using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Sweeps;

/// <summary>Every ended run of a sweep, by run hash: the durable source all tables are rebuilt from.</summary>
public sealed class AggregatorState
{
    public Dictionary<string, RunRecord> Records { get; set; } = [];

    /// <summary>Hashes of the runs in the sweep's current plan; null until a plan is set (then all records count).</summary>
    public HashSet<string>? Plan { get; set; }
}
