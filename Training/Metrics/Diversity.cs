namespace SmartMixed.Training.Metrics;

/// <summary>
/// How varied one layer's selection is, from the number of neurons per function.
/// <paramref name="NormalizedEntropy"/> divides by log₂ K of the pool (0 = one function, 1 = all equally used).
/// </summary>
public sealed record Diversity(
    double EntropyBits,
    double NormalizedEntropy,
    double EffectiveFunctions,
    double GiniSimpson,
    double Dominance,
    int FunctionsUsed)
{
    public static Diversity FromCounts(IReadOnlyList<int> counts)
    {
        if (counts.Count == 0) throw new ArgumentException("no functions to measure", nameof(counts));
        double total = counts.Sum();
        if (total <= 0) throw new ArgumentException("a layer with no neurons has no diversity", nameof(counts));
        return FromShares(counts.Select(c => c / total).ToArray());
    }

    public static Diversity FromShares(IReadOnlyList<double> shares)
    {
        double entropy = 0, sumSquares = 0, dominance = 0;
        int used = 0;
        foreach (var p in shares)
        {
            if (p < 0) throw new ArgumentException("shares cannot be negative", nameof(shares));
            if (p > 0)
            {
                entropy -= p * Math.Log2(p);
                used++;
            }
            sumSquares += p * p;
            dominance = Math.Max(dominance, p);
        }
        double normalized = shares.Count > 1 ? entropy / Math.Log2(shares.Count) : 0;
        return new Diversity(entropy, normalized, Math.Pow(2, entropy), 1 - sumSquares, dominance, used);
    }
}
