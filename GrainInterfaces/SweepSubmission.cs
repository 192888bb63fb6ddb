namespace SmartMixed.GrainInterfaces;

/// <summary>A validated, expanded sweep as the client submits it.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepSubmission")]
public sealed record SweepSubmission(
    [property: Id(0)] string? Description,
    [property: Id(1)] RunSpec[] Runs,
    [property: Id(2)] string SpecText);
