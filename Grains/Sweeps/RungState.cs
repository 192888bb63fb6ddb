using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Sweeps;

/// <summary>One rung of one group: how many cells it expects, how many each shard has seen arrive, and its decision.</summary>
public sealed class RungState
{
    public int Layout { get; set; } = StateLayout.Current;
    public int Expected { get; set; }
    public Dictionary<int, int> Arrived { get; set; } = [];
    public RungDecision? Decision { get; set; }
}
