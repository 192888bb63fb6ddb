using MathNet.Numerics.Distributions;

namespace SmartMixed.Grains.Statistics;

/// <summary>
/// A paired t-test of mean(a − b) = 0 over n pairs, with the two-sided confidence interval of the mean difference and
/// Cohen's d_z. See <see cref="PairedTTest"/> for the formulas and the degenerate cases.
/// </summary>
/// <param name="N">Number of pairs.</param>
/// <param name="MeanDifference">mean(aᵢ − bᵢ); null when n = 0.</param>
/// <param name="SdDifference">Sample standard deviation of the differences (n − 1); null when n &lt; 2.</param>
/// <param name="StandardError">sd / √n; null when n &lt; 2.</param>
/// <param name="CiLow">Lower end of the interval of the mean difference; null when n &lt; 2.</param>
/// <param name="CiHigh">Upper end; null when n &lt; 2.</param>
/// <param name="ConfidenceLevel">Of the interval, e.g. 0.95.</param>
/// <param name="T">mean / se; null when undefined (n &lt; 2 or no spread).</param>
/// <param name="DegreesOfFreedom">n − 1; null when n &lt; 2.</param>
/// <param name="P">Two-sided p-value; 1 when every difference is 0; null when undefined (see <see cref="Note"/>).</param>
/// <param name="CohensDz">mean / sd of the differences; null when undefined.</param>
/// <param name="Note">Why a value is null or fixed by rule; null for a regular test.</param>
public sealed record PairedTTestResult(
    int N,
    double? MeanDifference,
    double? SdDifference,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    double ConfidenceLevel,
    double? T,
    int? DegreesOfFreedom,
    double? P,
    double? CohensDz,
    string? Note);

/// <summary>
/// Paired (dependent-samples) t-test on the differences dᵢ = aᵢ − bᵢ:
/// t = d̄ / (s_d / √n) with n − 1 degrees of freedom, p = 2 · P(T ≤ −|t|), interval d̄ ± t₍₁₊c₎/₂,ₙ₋₁ · s_d / √n,
/// and Cohen's d_z = d̄ / s_d (the standardised mean difference of paired data).
/// <para>
/// Degenerate cases, all reported with a <see cref="PairedTTestResult.Note"/> instead of NaN:
/// n = 0 → everything null; n = 1 → the mean difference only; all differences 0 → p = 1, interval [0, 0], t and d_z
/// null (0/0: no evidence of any difference); all differences equal to c ≠ 0 → interval [c, c], t, p and d_z null
/// (t would be infinite: the test does not apply to data without spread). "Equal" allows rounding noise:
/// s_d ≤ 1e-12 · max |dᵢ| counts as no spread.
/// </para>
/// </summary>
public static class PairedTTest
{
    public const string NoPairs = "no pairs";
    public const string OnePair = "one pair: no spread to test against";
    public const string AllZero = "every difference is 0: p = 1 by rule";
    public const string NoSpread = "every difference is equal and non-zero: no spread, t undefined";

    /// <summary>Tests mean(a − b) = 0 over the pairs (a[i], b[i]). a and b must have equal lengths and finite values.</summary>
    public static PairedTTestResult Compute(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidenceLevel = 0.95)
    {
        Guard.Finite(a, nameof(a));
        Guard.Finite(b, nameof(b));
        Guard.SameLength(a.Count, b.Count, nameof(a), nameof(b));
        var differences = new double[a.Count];
        for (int i = 0; i < a.Count; i++) differences[i] = a[i] - b[i];
        return FromDifferences(differences, confidenceLevel);
    }

    /// <summary>Tests mean(d) = 0 for the paired differences d (finite values).</summary>
    public static PairedTTestResult FromDifferences(IReadOnlyList<double> differences, double confidenceLevel = 0.95)
    {
        Guard.Finite(differences, nameof(differences));
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        int n = differences.Count;
        if (n == 0) return new PairedTTestResult(0, null, null, null, null, null, confidenceLevel, null, null, null, null, NoPairs);
        var (mean, sd) = Guard.MeanSd(differences);
        if (n == 1) return new PairedTTestResult(1, mean, null, null, null, null, confidenceLevel, null, null, null, null, OnePair);

        int df = n - 1;
        if (Guard.IsNoSpread(sd, differences))
        {
            bool allZero = differences.All(d => d == 0);
            return allZero
                ? new PairedTTestResult(n, 0, 0, 0, 0, 0, confidenceLevel, null, df, 1, null, AllZero)
                : new PairedTTestResult(n, mean, 0, 0, mean, mean, confidenceLevel, null, df, null, null, NoSpread);
        }

        double se = sd / Math.Sqrt(n);
        double t = mean / se;
        double half = StudentT.InvCDF(0, 1, df, (1 + confidenceLevel) / 2) * se;
        // The lower tail is computed directly (not 1 − CDF) so that small p-values keep their digits.
        double p = Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
        return new PairedTTestResult(n, mean, sd, se, mean - half, mean + half, confidenceLevel, t, df, p, mean / sd, null);
    }
}
