using MathNet.Numerics.Distributions;

namespace SmartMixed.Grains.Statistics;

/// <summary>
/// Welch's unequal-variances t-test of mean(a) − mean(b) = 0 with its two-sided interval and Cohen's d.
/// See <see cref="WelchTTest"/> for the formulas and the degenerate cases.
/// </summary>
/// <param name="NA">Size of sample a.</param>
/// <param name="NB">Size of sample b.</param>
/// <param name="MeanA">mean(a); null when a is empty.</param>
/// <param name="MeanB">mean(b); null when b is empty.</param>
/// <param name="Difference">mean(a) − mean(b); null when a side is empty.</param>
/// <param name="StandardError">√(s²ₐ/nₐ + s²ᵦ/nᵦ); null when a side has fewer than 2 values.</param>
/// <param name="CiLow">Lower end of the interval of the difference.</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="ConfidenceLevel">Of the interval, e.g. 0.95.</param>
/// <param name="T">Difference / se; null when undefined.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom (not whole in general); null when undefined.</param>
/// <param name="P">Two-sided p-value; 1 when both samples are constant and equal; null when undefined.</param>
/// <param name="CohensD">Difference / pooled sd, pooled sd = √(((nₐ−1)s²ₐ + (nᵦ−1)s²ᵦ)/(nₐ+nᵦ−2)); null when undefined.</param>
/// <param name="Note">Why a value is null or fixed by rule; null for a regular test.</param>
public sealed record WelchTTestResult(
    int NA,
    int NB,
    double? MeanA,
    double? MeanB,
    double? Difference,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    double ConfidenceLevel,
    double? T,
    double? DegreesOfFreedom,
    double? P,
    double? CohensD,
    string? Note);

/// <summary>
/// Welch's t-test for two independent samples: se² = s²ₐ/nₐ + s²ᵦ/nᵦ, t = (x̄ₐ − x̄ᵦ)/se,
/// ν = se⁴ / ((s²ₐ/nₐ)²/(nₐ−1) + (s²ᵦ/nᵦ)²/(nᵦ−1)) (Welch–Satterthwaite), p = 2 · P(T_ν ≤ −|t|),
/// interval (x̄ₐ − x̄ᵦ) ± t₍₁₊c₎/₂,ν · se. Cohen's d uses the pooled sd (an effect size, not part of the test).
/// <para>
/// Degenerate cases, each with a <see cref="WelchTTestResult.Note"/>: a side empty → means only; a side with one value
/// → the difference only; both sides without spread (sd ≤ 1e-12 · max |x|) → interval [diff, diff], t, ν and d null,
/// p = 1 if the difference is 0 and null otherwise. One side without spread is a regular test (ν = n − 1 of the other).
/// </para>
/// </summary>
public static class WelchTTest
{
    public const string EmptySample = "a sample is empty";
    public const string TooFew = "a sample has fewer than two values: no variance";
    public const string NoSpreadEqual = "both samples are constant and equal: p = 1 by rule";
    public const string NoSpread = "both samples are constant and differ: no spread, t undefined";

    /// <summary>Tests mean(a) = mean(b) for independent samples a and b (finite values).</summary>
    public static WelchTTestResult Compute(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidenceLevel = 0.95)
    {
        Guard.Finite(a, nameof(a));
        Guard.Finite(b, nameof(b));
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        int na = a.Count, nb = b.Count;
        double? meanA = na > 0 ? Guard.MeanSd(a).Mean : null;
        double? meanB = nb > 0 ? Guard.MeanSd(b).Mean : null;
        if (meanA is not { } ma || meanB is not { } mb)
            return new WelchTTestResult(na, nb, meanA, meanB, null, null, null, null, confidenceLevel, null, null, null, null, EmptySample);
        double diff = ma - mb;
        if (na < 2 || nb < 2)
            return new WelchTTestResult(na, nb, ma, mb, diff, null, null, null, confidenceLevel, null, null, null, null, TooFew);

        var sa = Guard.MeanSd(a).Sd;
        var sb = Guard.MeanSd(b).Sd;
        bool flatA = Guard.IsNoSpread(sa, a), flatB = Guard.IsNoSpread(sb, b);
        if (flatA) sa = 0;
        if (flatB) sb = 0;
        if (flatA && flatB)
        {
            return diff == 0
                ? new WelchTTestResult(na, nb, ma, mb, 0, 0, 0, 0, confidenceLevel, null, null, 1, null, NoSpreadEqual)
                : new WelchTTestResult(na, nb, ma, mb, diff, 0, diff, diff, confidenceLevel, null, null, null, null, NoSpread);
        }

        double va = sa * sa / na, vb = sb * sb / nb;
        double se = Math.Sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        double t = diff / se;
        double half = StudentT.InvCDF(0, 1, df, (1 + confidenceLevel) / 2) * se;
        double p = Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
        double pooled = Math.Sqrt(((na - 1) * sa * sa + (nb - 1) * sb * sb) / (na + nb - 2));
        return new WelchTTestResult(na, nb, ma, mb, diff, se, diff - half, diff + half, confidenceLevel, t, df, p, diff / pooled, null);
    }
}
