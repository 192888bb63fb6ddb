namespace SmartMixed.Grains.Statistics;

/// <summary>
/// Diversity of a selection given as counts (or shares) per candidate, written to be used as bootstrap statistics:
/// Shannon entropy in bits, its effective number 2^H, and the Jensen–Shannon divergence in bits.
/// Every input is a vector of finite, non-negative numbers with a positive sum; it is normalised to shares first.
/// </summary>
public static class DiversityMeasures
{
    /// <summary>
    /// Shannon entropy in bits, H = −Σ pᵢ log₂ pᵢ with pᵢ = countᵢ / Σ count and 0 · log 0 = 0. Ranges from 0 (one
    /// candidate) to log₂ K (K candidates equally used).
    /// </summary>
    public static double EntropyBits(IReadOnlyList<double> counts)
    {
        var shares = Shares(counts, nameof(counts));
        double h = 0;
        foreach (var p in shares)
            if (p > 0) h -= p * Math.Log2(p);
        return Math.Max(0, h);
    }

    /// <summary>
    /// Effective number of candidates, 2^H with H the entropy in bits (Hill's number of order 1, the perplexity):
    /// the number of equally used candidates that would give the same entropy. 1 for one candidate, K for K equal ones.
    /// </summary>
    public static double EffectiveNumber(IReadOnlyList<double> counts) => Math.Pow(2, EntropyBits(counts));

    /// <summary>
    /// Jensen–Shannon divergence in bits, JS(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M) with M = (P + Q)/2 and KL in base 2:
    /// 0 for equal distributions, 1 for disjoint supports. Both vectors are normalised first and must have equal lengths.
    /// (SciPy's <c>jensenshannon(p, q, base=2)</c> is its square root, the JS distance.)
    /// </summary>
    public static double JensenShannonBits(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var ps = Shares(p, nameof(p));
        var qs = Shares(q, nameof(q));
        Guard.SameLength(ps.Length, qs.Length, nameof(p), nameof(q));
        double js = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            double m = 0.5 * (ps[i] + qs[i]);
            if (ps[i] > 0) js += 0.5 * ps[i] * Math.Log2(ps[i] / m);
            if (qs[i] > 0) js += 0.5 * qs[i] * Math.Log2(qs[i] / m);
        }
        return Math.Clamp(js, 0, 1);
    }

    /// <summary>
    /// Element-wise sum of count vectors of one length (e.g. the runs of a cell), the pooled counts of a bootstrap
    /// resample. At least one vector; entries finite and non-negative.
    /// </summary>
    public static double[] Pool(IReadOnlyList<IReadOnlyList<double>> countVectors)
    {
        ArgumentNullException.ThrowIfNull(countVectors);
        if (countVectors.Count == 0) throw new ArgumentException("nothing to pool: no count vectors", nameof(countVectors));
        var sum = new double[countVectors[0].Count];
        for (int v = 0; v < countVectors.Count; v++)
        {
            var counts = countVectors[v];
            Guard.SameLength(sum.Length, counts.Count, "countVectors[0]", $"countVectors[{v}]");
            for (int i = 0; i < counts.Count; i++)
            {
                if (!(counts[i] >= 0) || double.IsPositiveInfinity(counts[i]))
                    throw new ArgumentException($"countVectors[{v}][{i}] is {counts[i]}: counts must be finite and non-negative", nameof(countVectors));
                sum[i] += counts[i];
            }
        }
        return sum;
    }

    /// <summary>Entropy in bits of the pooled counts of several vectors: <see cref="EntropyBits"/>(<see cref="Pool"/>(…)).</summary>
    public static double PooledEntropyBits(IReadOnlyList<IReadOnlyList<double>> countVectors) => EntropyBits(Pool(countVectors));

    /// <summary>Mean over the vectors of each vector's entropy in bits (the average per-run diversity). At least one vector.</summary>
    public static double MeanEntropyBits(IReadOnlyList<IReadOnlyList<double>> countVectors)
    {
        ArgumentNullException.ThrowIfNull(countVectors);
        if (countVectors.Count == 0) throw new ArgumentException("the mean of no entropies is undefined", nameof(countVectors));
        double sum = 0;
        for (int v = 0; v < countVectors.Count; v++) sum += EntropyBits(countVectors[v]);
        return sum / countVectors.Count;
    }

    private static double[] Shares(IReadOnlyList<double> counts, string name)
    {
        ArgumentNullException.ThrowIfNull(counts, name);
        if (counts.Count == 0) throw new ArgumentException("a distribution needs at least one entry", name);
        double total = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            if (!(counts[i] >= 0) || double.IsPositiveInfinity(counts[i]))
                throw new ArgumentException($"{name}[{i}] is {counts[i]}: counts must be finite and non-negative", name);
            total += counts[i];
        }
        if (!(total > 0)) throw new ArgumentException("a distribution needs a positive total", name);
        var shares = new double[counts.Count];
        for (int i = 0; i < shares.Length; i++) shares[i] = counts[i] / total;
        return shares;
    }
}
