using MathNet.Numerics.Distributions;

namespace SmartMixed.Grains.Statistics;

/// <summary>
/// The mean of a sample with its two-sided Student-t interval: mean ± t₍₁₊c₎/₂,ₙ₋₁ · sd / √n, sd the sample standard
/// deviation (n − 1). Degenerate cases: n = 0 gives nulls everywhere; n = 1 gives the mean and null sd and interval;
/// a sample without spread gives sd 0 and the interval [mean, mean].
/// </summary>
public sealed record MeanInterval(int N, double? Mean, double? Sd, double? CiLow, double? CiHigh, double ConfidenceLevel)
{
    /// <summary>The mean and t interval of <paramref name="values"/> (finite numbers).</summary>
    public static MeanInterval Of(IReadOnlyList<double> values, double confidenceLevel = 0.95)
    {
        Guard.Finite(values, nameof(values));
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        if (values.Count == 0) return new MeanInterval(0, null, null, null, null, confidenceLevel);
        var (mean, sd) = Guard.MeanSd(values);
        if (values.Count == 1) return new MeanInterval(1, mean, null, null, null, confidenceLevel);
        if (Guard.IsNoSpread(sd, values)) return new MeanInterval(values.Count, mean, 0, mean, mean, confidenceLevel);
        var half = StudentT.InvCDF(0, 1, values.Count - 1, (1 + confidenceLevel) / 2) * sd / Math.Sqrt(values.Count);
        return new MeanInterval(values.Count, mean, sd, mean - half, mean + half, confidenceLevel);
    }
}
