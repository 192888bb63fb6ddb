namespace SmartMixed.GrainInterfaces;

/// <summary>
/// The header of a submission: the sweep's description, its spec as written and its settings. The runs themselves go
/// to the sweep's shards, a bounded batch per call, between <see cref="ISweepGrain.BeginSubmit"/> and
/// <see cref="ISweepGrain.CommitSubmit"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepSubmission")]
public sealed record SweepSubmission(
    [property: Id(0)] string? Description,
    [property: Id(1)] string SpecText,
    [property: Id(2)] SweepSettings Settings);

/// <summary>A submission in progress: its id and how many shards the sweep had when it began.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SubmissionTicket")]
public sealed record SubmissionTicket(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Shards);
