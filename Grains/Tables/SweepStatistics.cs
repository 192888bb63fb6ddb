using MathNet.Numerics.Distributions;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// n, mean, sample standard deviation (n − 1), two-sided 95 % Student-t interval of the mean, min and max of a
/// sample. Mean, min and max are null for an empty sample; std and the interval are null when n &lt; 2.
/// </summary>
public sealed record SampleSummary(int N, double? Mean, double? Std, double? Ci95Low, double? Ci95High, double? Min, double? Max);

/// <summary>
/// An estimate of mean(a) − mean(b) with its two-sided 95 % interval. <see cref="Method"/> is <c>paired</c>
/// (per-key differences, t with n − 1 dof), <c>welch</c> (Welch–Satterthwaite dof) or <c>single</c> (a side has
/// fewer than two values: mean difference only, no interval).
/// </summary>
public sealed record DifferenceEstimate(string Method, double Mean, double? Ci95Low, double? Ci95High, double? DegreesOfFreedom);

/// <summary>The statistics of the sweep tables, small and separately tested.</summary>
public static class SweepStatistics
{
    public const string Paired = "paired";
    public const string Welch = "welch";
    public const string Single = "single";

    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("the mean of no values is undefined", nameof(values));
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }

    /// <summary>Sample standard deviation (divides by n − 1); null when n &lt; 2.</summary>
    public static double? SampleStd(IReadOnlyList<double> values)
    {
        var variance = SampleVariance(values);
        return variance is { } v ? Math.Sqrt(v) : null;
    }

    /// <summary>Sample variance (divides by n − 1); null when n &lt; 2.</summary>
    public static double? SampleVariance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = Mean(values);
        double sum = 0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum / (values.Count - 1);
    }

    /// <summary>The p-quantile of Student's t with <paramref name="degreesOfFreedom"/> (need not be whole).</summary>
    public static double TQuantile(double p, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "must be positive");
        return StudentT.InvCDF(0, 1, degreesOfFreedom, p);
    }

    /// <summary>Half-width of the two-sided 95 % t interval for a standard error and dof.</summary>
    public static double HalfWidth95(double standardError, double degreesOfFreedom) =>
        standardError == 0 ? 0 : TQuantile(0.975, degreesOfFreedom) * standardError;

    public static SampleSummary Summarize(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new SampleSummary(0, null, null, null, null, null, null);
        var mean = Mean(values);
        var std = SampleStd(values);
        double? low = null, high = null;
        if (std is { } s)
        {
            var half = HalfWidth95(s / Math.Sqrt(values.Count), values.Count - 1);
            low = mean - half;
            high = mean + half;
        }
        return new SampleSummary(values.Count, mean, std, low, high, values.Min(), values.Max());
    }

    /// <summary>
    /// mean(a − b) over pairs (a[i], b[i]) with the t interval of the differences (n − 1 dof). Needs equal lengths ≥ 2.
    /// </summary>
    public static DifferenceEstimate PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired samples differ in length ({a.Count} vs {b.Count})");
        if (a.Count < 2) throw new ArgumentException("a paired interval needs at least two pairs");
        var diffs = new double[a.Count];
        for (int i = 0; i < a.Count; i++) diffs[i] = a[i] - b[i];
        var summary = Summarize(diffs);
        return new DifferenceEstimate(Paired, summary.Mean!.Value, summary.Ci95Low, summary.Ci95High, a.Count - 1);
    }

    /// <summary>
    /// mean(a) − mean(b) with Welch's t interval: se = √(s²ₐ/nₐ + s²ᵦ/nᵦ), Welch–Satterthwaite dof. Both sides need
    /// n ≥ 2. When both variances are 0 the interval collapses to the difference (dof undefined, null).
    /// </summary>
    public static DifferenceEstimate WelchDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) throw new ArgumentException("Welch's interval needs at least two values on each side");
        var diff = Mean(a) - Mean(b);
        var va = SampleVariance(a)!.Value / a.Count;
        var vb = SampleVariance(b)!.Value / b.Count;
        var se2 = va + vb;
        if (se2 == 0) return new DifferenceEstimate(Welch, diff, diff, diff, null);
        var dof = se2 * se2 / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        var half = HalfWidth95(Math.Sqrt(se2), dof);
        return new DifferenceEstimate(Welch, diff, diff - half, diff + half, dof);
    }

    /// <summary>mean(a) − mean(b) without an interval (a side has fewer than two values). Both sides need n ≥ 1.</summary>
    public static DifferenceEstimate SingleDifference(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        new(Single, Mean(a) - Mean(b), null, null, null);

    /// <summary>
    /// Jensen–Shannon divergence in bits (base 2, so 0..1) between two distributions over the same items. Each
    /// vector is normalised to sum 1 first; entries must be non-negative and each vector must have a positive sum.
    /// </summary>
    public static double JensenShannonBits(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        if (p.Count != q.Count) throw new ArgumentException($"distributions differ in length ({p.Count} vs {q.Count})");
        var ps = Normalize(p, nameof(p));
        var qs = Normalize(q, nameof(q));
        double js = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            var m = (ps[i] + qs[i]) / 2;
            if (ps[i] > 0) js += 0.5 * ps[i] * Math.Log2(ps[i] / m);
            if (qs[i] > 0) js += 0.5 * qs[i] * Math.Log2(qs[i] / m);
        }
        return Math.Clamp(js, 0, 1);
    }

    private static double[] Normalize(IReadOnlyList<double> values, string name)
    {
        double sum = 0;
        foreach (var v in values)
        {
            if (v < 0 || double.IsNaN(v)) throw new ArgumentException("a distribution cannot have negative or NaN entries", name);
            sum += v;
        }
        if (!(sum > 0)) throw new ArgumentException("a distribution needs a positive total", name);
        return values.Select(v => v / sum).ToArray();
    }
}
