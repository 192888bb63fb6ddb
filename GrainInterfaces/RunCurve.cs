namespace SmartMixed.GrainInterfaces;

/// <summary>
/// A run's learning curve, stored column by column so that nothing repeats per epoch: entry i is epoch i + 1.
/// <see cref="Selection"/> holds, epoch after epoch and layer after layer, the neurons per function in the order of
/// the outcome's <c>Functions</c> (so its length is epochs × <see cref="Layers"/> × functions). Temperature and flip
/// rate are null outside the selection phase. <see cref="LayerFlipRate"/>: each hidden layer's own flip rate, epoch after
/// epoch and layer after layer (epochs × layers), null outside the selection phase.
/// </summary>
[GenerateSerializer, Immutable, Alias("smartmixed.RunCurve")]
public sealed record RunCurve(
    [property: Id(0)] byte[] Phase,
    [property: Id(1)] double?[] Temperature,
    [property: Id(2)] double[] TrainLoss,
    [property: Id(3)] double[] ValidationLoss,
    [property: Id(4)] double[] ValidationAccuracy,
    [property: Id(5)] double?[] FlipRate,
    [property: Id(6)] double[] WallSeconds,
    [property: Id(7)] int Layers,
    [property: Id(8)] int[] Selection,
    [property: Id(9)] double?[]? LayerFlipRate = null)
{
    public static RunCurve Empty { get; } = new([], [], [], [], [], [], [], 0, []);

    /// <summary>One hidden layer's (1-based) flip rate at one epoch (1-based); null outside the selection phase.</summary>
    public double? FlipRateOf(int epoch, int layer) =>
        LayerFlipRate is { } rates && layer >= 1 && layer <= Layers && epoch >= 1 && epoch <= Epochs ? rates[(epoch - 1) * Layers + layer - 1] : null;

    public int Epochs => TrainLoss.Length;

    /// <summary>Neurons per function of one hidden layer (1-based) at one epoch (1-based).</summary>
    public ReadOnlySpan<int> Counts(int epoch, int layer, int functions)
    {
        if (epoch < 1 || epoch > Epochs) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"the curve has epochs 1..{Epochs}");
        if (layer < 1 || layer > Layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"the curve has layers 1..{Layers}");
        int start = ((epoch - 1) * Layers + (layer - 1)) * functions;
        return Selection.AsSpan(start, functions);
    }
}
