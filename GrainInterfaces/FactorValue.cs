namespace SmartMixed.GrainInterfaces;

/// <summary>One factor of a sweep and the value a run takes for it, as the spec wrote it (e.g. pool = paper6).</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.FactorValue")]
public sealed record FactorValue([property: Id(0)] string Name, [property: Id(1)] string Value);
