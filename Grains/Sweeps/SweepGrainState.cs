using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// A sweep's header: what it is and where it stands, never its runs (they live in its shards), so every write of it
/// costs the same however large the sweep is. <see cref="FinalCounts"/> is kept once the sweep has ended, so a finished
/// sweep answers its status without waking its shards.
/// </summary>
public sealed class SweepGrainState
{
    public int Layout { get; set; } = StateLayout.Current;
    public SweepState State { get; set; }
    public string? Description { get; set; }
    public string? SpecText { get; set; }
    public SweepSettings Settings { get; set; } = SweepSettings.Default;
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int Shards { get; set; }
    public Guid? PendingSubmission { get; set; }
    public SweepSubmission? PendingHeader { get; set; }
    public RunCounts? FinalCounts { get; set; }
    public long FinalEpochs { get; set; }
    public long FinalEpochsSaved { get; set; }
}
