namespace SmartMixed.GrainInterfaces;

/// <summary>How many neurons of one hidden layer (1-based) use each function of the pool, in pool order.</summary>
[GenerateSerializer, Immutable, Alias("smartmixed.LayerCounts")]
public sealed record LayerCounts(
    [property: Id(0)] int Layer,
    [property: Id(1)] string[] Functions,
    [property: Id(2)] int[] Counts);
