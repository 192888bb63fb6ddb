using System.Text.Json.Serialization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// A shard's specs: its runs' configs and the sweep's settings. Written only when a submission changes them, so the
/// per-event writes of the shard (its <see cref="ShardIndexState"/>) stay small.
/// </summary>
public sealed class ShardSpecsState
{
    public int Layout { get; set; } = StateLayout.Current;
    public SweepSettings Settings { get; set; } = SweepSettings.Default;
    public List<RunSpec> Runs { get; set; } = [];
}

/// <summary>A shard's scheduling state: one entry per run it holds. Bounded by the shard's size, written per event.</summary>
public sealed class ShardIndexState
{
    public int Layout { get; set; } = StateLayout.Current;
    public bool Cancelled { get; set; }
    public List<RunEntry> Runs { get; set; } = [];
}

/// <summary>One run as its shard schedules it. Defaults are left out of the stored JSON to keep per-event writes small.</summary>
public sealed class RunEntry
{
    public required string Hash { get; set; }
    public long Position { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public RunStatus Status { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Epoch { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Silo { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailureReason { get; set; }
    /// <summary>How often the run was handed out; the latest hand-out's lease id. A silo that died costs a lease, not an attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Leases { get; set; }
    /// <summary>Failed attempts that may be retried (exceptions, never divergence).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Failures { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LeasedAt { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CancelRequested { get; set; }
    /// <summary>No longer in the sweep's plan (the spec changed): kept so it is never rerun if it comes back, but not shown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Retired { get; set; }
    /// <summary>For a run another run of the shard starts from: its final selection, kept once it is done.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunSource? Selection { get; set; }

    /// <summary>Early stopping: the last rung the run reached, and its metric there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RungEpoch { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RungValue { get; set; }

    /// <summary>Early stopping: the last rung whose decision let the run go on (0: none yet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PassedRung { get; set; }

    /// <summary>Early stopping: the rung where its cell was stopped, while paused.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StoppedAt { get; set; }

    /// <summary>Promoted after a stop: runs to its budget, never stopped again.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Promoted { get; set; }

    [JsonIgnore]
    public bool IsEnded => Status is RunStatus.Done or RunStatus.Failed or RunStatus.Cancelled;
}
