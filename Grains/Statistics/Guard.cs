namespace SmartMixed.Grains.Statistics;

/// <summary>Argument checks shared by the statistics: each names the argument and the offending entry.</summary>
internal static class Guard
{
    public static void Finite(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {values[i]}: values must be finite numbers", name);
    }

    public static void SameLength(int a, int b, string nameA, string nameB)
    {
        if (a != b) throw new ArgumentException($"{nameA} and {nameB} must pair up but differ in length ({a} vs {b})", nameB);
    }

    public static void ConfidenceLevel(double level, string name)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentException($"a confidence level must lie strictly between 0 and 1 (got {level})", name);
    }

    public static void Probability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{name} must be a probability in [0, 1] (got {p})", name);
    }

    /// <summary>Mean and sample standard deviation (n − 1) by two passes; sd is 0 for one value.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (int i = 0; i < values.Count; i++) sum += values[i];
        double mean = sum / values.Count;
        if (values.Count < 2) return (mean, 0);
        double ss = 0;
        for (int i = 0; i < values.Count; i++) ss += (values[i] - mean) * (values[i] - mean);
        return (mean, Math.Sqrt(ss / (values.Count - 1)));
    }

    /// <summary>
    /// Whether a spread is rounding noise: sd ≤ 1e-12 · max |value|. Differences such as 0.95 − 0.94 and 0.93 − 0.92
    /// differ in their last bits; without this, equal differences would show a tiny sd and a t of 10¹⁵.
    /// </summary>
    public static bool IsNoSpread(double sd, IReadOnlyList<double> values)
    {
        double max = 0;
        for (int i = 0; i < values.Count; i++) max = Math.Max(max, Math.Abs(values[i]));
        return sd <= 1e-12 * max;
    }
}
