using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Runs;

/// <summary>What a run grain keeps durably: the lease it last ran under and, once ended, its record.</summary>
public sealed class RunGrainState
{
    public long LeaseId { get; set; }
    public RunRecord? Record { get; set; }
}
