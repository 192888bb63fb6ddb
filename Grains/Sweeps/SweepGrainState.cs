using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Sweeps;

/// <summary>A sweep's durable state: its spec and every run's state, in submission order.</summary>
public sealed class SweepGrainState
{
    public SweepState State { get; set; }
    public string? Description { get; set; }
    public string? SpecText { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public long NextLeaseId { get; set; } = 1;
    public List<RunEntry> Runs { get; set; } = [];
}

/// <summary>One run as its sweep tracks it.</summary>
public sealed class RunEntry
{
    public required RunSpec Spec { get; set; }
    public RunStatus Status { get; set; }
    public int Epoch { get; set; }
    public int Epochs { get; set; }
    public string? Silo { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>How often the run was handed out (a silo that died costs a lease, not an attempt).</summary>
    public int Leases { get; set; }
    /// <summary>Failed attempts that may be retried (exceptions, never divergence).</summary>
    public int Failures { get; set; }
    public long LeaseId { get; set; }
    public DateTimeOffset? LeasedAt { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>No longer in the sweep's plan (the spec changed): kept so it is never rerun if it comes back, but not shown.</summary>
    public bool Retired { get; set; }

    public bool IsEnded => Status is RunStatus.Done or RunStatus.Failed or RunStatus.Cancelled;
}
