using NormalDistribution = MathNet.Numerics.Distributions.Normal;

namespace SmartMixed.Grains.Statistics;

/// <summary>How <see cref="WilcoxonSignedRank"/> computes its p-value.</summary>
public enum WilcoxonMethod
{
    /// <summary>Exact when there are no zeros, no ties and at most 50 non-zero differences; else the normal approximation (SciPy's rule).</summary>
    Auto,
    /// <summary>Exact whenever the exact null distribution applies (no zeros, no ties, n ≤ 1000); else the normal approximation.</summary>
    Exact,
    /// <summary>Always the normal approximation with the tie correction.</summary>
    NormalApproximation,
}

/// <summary>
/// A two-sided Wilcoxon signed-rank test of the paired differences. See <see cref="WilcoxonSignedRank"/>.
/// </summary>
/// <param name="N">Number of pairs given.</param>
/// <param name="Zeros">Pairs with a zero difference (dropped before ranking, zero_method 'wilcox').</param>
/// <param name="NonZero">Pairs ranked: N − Zeros.</param>
/// <param name="WPlus">Sum of the ranks of the positive differences (R's V).</param>
/// <param name="WMinus">Sum of the ranks of the negative differences.</param>
/// <param name="Statistic">min(W⁺, W⁻), SciPy's two-sided statistic.</param>
/// <param name="Z">The standardised statistic of the normal approximation; null for the exact method.</param>
/// <param name="P">Two-sided p-value; 1 when every difference is 0; null when there are no pairs.</param>
/// <param name="RankBiserial">Matched-pairs rank-biserial correlation (W⁺ − W⁻)/(W⁺ + W⁻), in [−1, 1]; null when no difference is non-zero.</param>
/// <param name="Method">The method that produced <see cref="P"/>: <see cref="WilcoxonSignedRank.Exact"/>,
/// <see cref="WilcoxonSignedRank.Normal"/> or <see cref="WilcoxonSignedRank.None"/>.</param>
/// <param name="HasTies">Whether two non-zero |differences| are equal (exact equality of doubles).</param>
/// <param name="Note">Why the exact method was not used, or why P is fixed by rule; null otherwise.</param>
public sealed record WilcoxonResult(
    int N,
    int Zeros,
    int NonZero,
    double WPlus,
    double WMinus,
    double Statistic,
    double? Z,
    double? P,
    double? RankBiserial,
    string Method,
    bool HasTies,
    string? Note);

/// <summary>
/// Two-sided Wilcoxon signed-rank test for paired samples, following SciPy's defaults (<c>zero_method='wilcox'</c>,
/// <c>correction=False</c>): zero differences are dropped, the n remaining |dᵢ| are ranked (average ranks for ties),
/// W⁺ and W⁻ sum the ranks of the positive and negative differences.
/// <para>
/// Exact: the null distribution of W⁺ (each rank 1..n positive with probability ½, independently) is built by the
/// counting recursion P_k(w) = ½ (P_{k−1}(w) + P_{k−1}(w − k)); p = min(1, 2 · min(P(W⁺ ≤ w⁺), P(W⁺ ≥ w⁺))), the same as
/// R's <c>psignrank</c> and SciPy's exact method. It applies only without zeros and ties.
/// </para>
/// <para>
/// Normal approximation: z = (min(W⁺, W⁻) − n(n+1)/4 − cc) / σ with σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the tie
/// groups of sizes t, p = 2 Φ(−|z|); cc = ½ · sign(W − n(n+1)/4) when <c>continuityCorrection</c> (R's default), else 0
/// (SciPy's default). The method used is reported.
/// </para>
/// <para>Every difference 0: W⁺ = W⁻ = 0 and p = 1 by rule (no evidence of a difference); no pairs at all: p null.</para>
/// </summary>
public static class WilcoxonSignedRank
{
    public const string Exact = "exact";
    public const string Normal = "normal";
    public const string None = "none";

    /// <summary>Largest n for which the exact distribution is computed (O(n³) time, O(n²) memory).</summary>
    public const int MaxExactN = 1000;

    /// <summary>Largest n for which <see cref="WilcoxonMethod.Auto"/> chooses the exact method (SciPy's threshold).</summary>
    public const int AutoExactMaxN = 50;

    /// <summary>Tests the pairs (x[i], y[i]) via the differences x[i] − y[i]. Equal lengths, finite values.</summary>
    public static WilcoxonResult Compute(
        IReadOnlyList<double> x, IReadOnlyList<double> y, WilcoxonMethod method = WilcoxonMethod.Auto, bool continuityCorrection = false)
    {
        Guard.Finite(x, nameof(x));
        Guard.Finite(y, nameof(y));
        Guard.SameLength(x.Count, y.Count, nameof(x), nameof(y));
        var d = new double[x.Count];
        for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
        return FromDifferences(d, method, continuityCorrection);
    }

    /// <summary>Tests the paired differences d (finite values) for a median of 0.</summary>
    public static WilcoxonResult FromDifferences(
        IReadOnlyList<double> differences, WilcoxonMethod method = WilcoxonMethod.Auto, bool continuityCorrection = false)
    {
        Guard.Finite(differences, nameof(differences));
        int total = differences.Count;
        var nonZero = differences.Where(v => v != 0).ToArray();
        int n = nonZero.Length, zeros = total - n;
        if (total == 0) return new WilcoxonResult(0, 0, 0, 0, 0, 0, null, null, null, None, false, "no pairs");
        if (n == 0) return new WilcoxonResult(total, zeros, 0, 0, 0, 0, null, 1, null, None, false, "every difference is 0: p = 1 by rule");

        // Average ranks of |d| (ties share the mean of the ranks they span), and the tie-group sizes.
        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(nonZero[i])).ToArray();
        var ranks = new double[n];
        double tieTerm = 0;
        bool ties = false;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && Math.Abs(nonZero[order[end]]) == Math.Abs(nonZero[order[start]])) end++;
            double rank = (start + 1 + end) / 2.0;
            for (int j = start; j < end; j++) ranks[order[j]] = rank;
            double t = end - start;
            if (t > 1) { ties = true; tieTerm += t * t * t - t; }
            start = end;
        }
        double wPlus = 0, wMinus = 0;
        for (int i = 0; i < n; i++)
        {
            if (nonZero[i] > 0) wPlus += ranks[i];
            else wMinus += ranks[i];
        }
        double statistic = Math.Min(wPlus, wMinus);
        double rankBiserial = (wPlus - wMinus) / (wPlus + wMinus);

        string? note = null;
        bool exact = method != WilcoxonMethod.NormalApproximation;
        if (exact && zeros > 0) { exact = false; note = "zeros present: exact distribution does not apply, normal approximation used"; }
        else if (exact && ties) { exact = false; note = "tied |differences|: exact distribution does not apply, normal approximation used"; }
        else if (exact && method == WilcoxonMethod.Auto && n > AutoExactMaxN) { exact = false; note = $"n > {AutoExactMaxN}: normal approximation used (automatic choice)"; }
        else if (exact && n > MaxExactN) { exact = false; note = $"n > {MaxExactN}: normal approximation used"; }

        if (exact)
        {
            double p = ExactTwoSided((int)wPlus, n);
            return new WilcoxonResult(total, zeros, n, wPlus, wMinus, statistic, null, p, rankBiserial, Exact, ties, note);
        }

        double mean = n * (n + 1) / 4.0;
        double sigma = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - tieTerm / 48);
        double cc = continuityCorrection ? 0.5 * Math.Sign(statistic - mean) : 0;
        double z = (statistic - mean - cc) / sigma;
        double pNormal = Math.Min(1, 2 * NormalDistribution.CDF(0, 1, -Math.Abs(z)));
        return new WilcoxonResult(total, zeros, n, wPlus, wMinus, statistic, z, pNormal, rankBiserial, Normal, ties, note);
    }

    /// <summary>
    /// The exact null distribution of W⁺ for n untied non-zero differences: P(W⁺ = w), w = 0..n(n+1)/2.
    /// Probabilities (halved at every step) rather than counts, so nothing overflows for large n.
    /// </summary>
    public static double[] ExactDistribution(int n)
    {
        if (n < 0 || n > MaxExactN) throw new ArgumentException($"n must lie in 0..{MaxExactN} (got {n})", nameof(n));
        int max = n * (n + 1) / 2;
        var p = new double[max + 1];
        p[0] = 1;
        int top = 0;
        for (int k = 1; k <= n; k++)
        {
            top += k;
            for (int w = top; w >= 0; w--) p[w] = 0.5 * (p[w] + (w >= k ? p[w - k] : 0));
        }
        return p;
    }

    private static double ExactTwoSided(int wPlus, int n)
    {
        var pmf = ExactDistribution(n);
        double lower = 0, upper = 0;
        for (int w = 0; w <= wPlus; w++) lower += pmf[w];
        for (int w = pmf.Length - 1; w >= wPlus; w--) upper += pmf[w];
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }
}
