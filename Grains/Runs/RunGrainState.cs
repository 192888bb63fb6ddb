using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Runs;

/// <summary>What a run grain keeps durably: the lease it last ran under and, once it has ended, its record (per run).</summary>
public sealed class RunGrainState
{
    public int Layout { get; set; } = StateLayout.Current;
    public long LeaseId { get; set; }
    public RunRecord? Record { get; set; }
}
