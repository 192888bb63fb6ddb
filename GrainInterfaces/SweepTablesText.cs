namespace SmartMixed.GrainInterfaces;

/// <summary>The four tables of a sweep as CSV text, compiled by its aggregator.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.SweepTablesText")]
public sealed record SweepTablesText(
    [property: Id(0)] string Runs,
    [property: Id(1)] string Accuracy,
    [property: Id(2)] string Diversity,
    [property: Id(3)] string Curves,
    [property: Id(4)] int RecordCount);
