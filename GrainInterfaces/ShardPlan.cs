namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One shard's part of a submitted plan: every run of the shard that the plan names, with its position in the plan
/// (the order runs are handed out in). A run the shard already has is named by hash alone; a new one comes with its
/// spec. Runs of the shard that the plan does not name are retired.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.ShardPlan")]
public sealed record ShardPlan(
    [property: Id(0)] Guid SubmissionId,
    [property: Id(1)] SweepSettings Settings,
    [property: Id(2)] ShardPlanEntry[] Runs);

[GenerateSerializer, Immutable, Alias("smartmixed.ShardPlanEntry")]
public sealed record ShardPlanEntry(
    [property: Id(0)] long Position,
    [property: Id(1)] string Hash,
    [property: Id(2)] RunSpec? Spec);

/// <summary>A run a shard holds, as a resubmission needs to know it: its hash and its cell.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.ShardRunKey")]
public sealed record ShardRunKey(
    [property: Id(0)] string Hash,
    [property: Id(1)] string CellKey);
