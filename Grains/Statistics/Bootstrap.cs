namespace SmartMixed.Grains.Statistics;

/// <summary>
/// A bootstrap percentile interval. See <see cref="Bootstrap.Percentile"/>.
/// </summary>
/// <param name="N">Number of items resampled.</param>
/// <param name="Estimate">The statistic of the original items.</param>
/// <param name="Low">The (1 − c)/2 quantile of the resampled statistics.</param>
/// <param name="High">The (1 + c)/2 quantile of the resampled statistics.</param>
/// <param name="ConfidenceLevel">c, e.g. 0.95.</param>
/// <param name="Resamples">B, the number of resamples.</param>
/// <param name="Seed">The seed that, with the items in the same order, reproduces the interval exactly.</param>
/// <param name="StandardError">Sample standard deviation (B − 1) of the resampled statistics.</param>
/// <param name="Note">Set for the degenerate one-item case; null otherwise.</param>
public sealed record BootstrapInterval(
    int N,
    double Estimate,
    double Low,
    double High,
    double ConfidenceLevel,
    int Resamples,
    long Seed,
    double StandardError,
    string? Note);

/// <summary>
/// The seeded nonparametric bootstrap (Efron): resample the n items with replacement B times, compute the statistic of
/// each resample, and take the (1 − c)/2 and (1 + c)/2 quantiles of the B values (the percentile interval).
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// B = 10,000 by default: the Monte-Carlo error of a 2.5 % / 97.5 % quantile is then a few percent of the interval's
    /// width (Efron &amp; Tibshirani suggest ≥ 1,000–2,000 for percentile intervals), and the statistics here are cheap.
    /// </summary>
    public const int DefaultResamples = 10_000;

    public const string OneItem = "one item: every resample equals the sample, the interval is a point";

    /// <summary>
    /// The percentile interval of <paramref name="statistic"/> over <paramref name="resamples"/> resamples of
    /// <paramref name="items"/>.
    /// <para>
    /// Deterministic: resample b draws its n indices, in order, as <see cref="Xoshiro256StarStar.NextInt"/>(n) from one
    /// <see cref="Xoshiro256StarStar"/> seeded with <paramref name="seed"/> (resample 0 first). The quantiles use linear
    /// interpolation between order statistics, h = (B − 1)·q (NumPy's default, R's type 7). So the same items in the
    /// same order, seed, B and statistic give the same interval on every platform and run.
    /// </para>
    /// <para>
    /// The list handed to <paramref name="statistic"/> is one reused buffer: read it during the call, do not keep it.
    /// The statistic must return a finite number for every resample. With n = 1 every resample is the sample itself,
    /// so the interval is [estimate, estimate] with standard error 0 and a <see cref="BootstrapInterval.Note"/>.
    /// Memory: O(n + B).
    /// </para>
    /// </summary>
    public static BootstrapInterval Percentile<T>(
        IReadOnlyList<T> items,
        Func<IReadOnlyList<T>, double> statistic,
        long seed,
        int resamples = DefaultResamples,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(statistic);
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        if (items.Count == 0) throw new ArgumentException("nothing to resample: the sample is empty", nameof(items));
        if (resamples < 2) throw new ArgumentException($"a bootstrap needs at least 2 resamples (got {resamples})", nameof(resamples));

        int n = items.Count;
        double estimate = Checked(statistic(items), "the original sample");
        if (n == 1) return new BootstrapInterval(1, estimate, estimate, estimate, confidenceLevel, resamples, seed, 0, OneItem);

        var rng = new Xoshiro256StarStar(unchecked((ulong)seed));
        var buffer = new T[n];
        var values = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < n; i++) buffer[i] = items[rng.NextInt(n)];
            values[b] = Checked(statistic(buffer), $"resample {b}");
        }

        var (_, sd) = Guard.MeanSd(values);
        Array.Sort(values);
        double alpha = 1 - confidenceLevel;
        return new BootstrapInterval(
            n, estimate, Quantile(values, alpha / 2), Quantile(values, 1 - alpha / 2), confidenceLevel, resamples, seed, sd, null);
    }

    /// <summary>The q-quantile of sorted values by linear interpolation, h = (count − 1)·q (R type 7, NumPy "linear").</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        Guard.Probability(q, nameof(q));
        if (sorted.Count == 0) throw new ArgumentException("the quantile of no values is undefined", nameof(sorted));
        for (int i = 1; i < sorted.Count; i++)
            if (!(sorted[i - 1] <= sorted[i])) throw new ArgumentException($"values must be sorted ascending and not NaN (index {i})", nameof(sorted));
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Count - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>
    /// The percentile interval from the <b>exact</b> bootstrap distribution when it is small, else from
    /// <paramref name="resamples"/> seeded resamples (<see cref="Percentile"/>). With n items there are n^n equally
    /// likely ordered resamples but only C(2n − 1, n) distinct ones (multisets: 126 for n = 5, 1,716 for n = 7), each
    /// with probability n!/(c₁!…cₙ!)/nⁿ; when that count is at most <paramref name="resamples"/>, every multiset is
    /// evaluated once and the interval is the (1 − c)/2 and (1 + c)/2 quantiles of that exact distribution (the smallest
    /// value whose cumulative probability reaches q). That is both exact and cheaper than sampling — the common case of a
    /// sweep cell, whose runs are its few seeds. <see cref="BootstrapInterval.Resamples"/> then counts the multisets,
    /// <see cref="BootstrapInterval.Seed"/> is 0 and <see cref="BootstrapInterval.Note"/> says "exact".
    /// </summary>
    public static BootstrapInterval ExactOrSampled<T>(
        IReadOnlyList<T> items,
        Func<IReadOnlyList<T>, double> statistic,
        long seed,
        int resamples = DefaultResamples,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(statistic);
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        int n = items.Count;
        if (n <= 1 || Multisets(n) > resamples) return Percentile(items, statistic, seed, resamples, confidenceLevel);

        double estimate = Checked(statistic(items), "the original sample");
        var counts = new int[n];
        var buffer = new T[n];
        var outcomes = new List<(double Value, double Probability)>();
        double logNFactorial = LogFactorial(n), logNPowerN = n * Math.Log(n);
        // Every composition c₁ + … + cₙ = n, in lexicographic order.
        void Visit(int position, int left)
        {
            if (position == n - 1)
            {
                counts[position] = left;
                int at = 0;
                double logWeight = logNFactorial - logNPowerN;
                for (int i = 0; i < n; i++)
                {
                    for (int c = 0; c < counts[i]; c++) buffer[at++] = items[i];
                    logWeight -= LogFactorial(counts[i]);
                }
                outcomes.Add((Checked(statistic(buffer), "a resample"), Math.Exp(logWeight)));
                return;
            }
            for (int c = left; c >= 0; c--)
            {
                counts[position] = c;
                Visit(position + 1, left - c);
            }
        }
        Visit(0, n);

        outcomes.Sort((a, b) => a.Value.CompareTo(b.Value));
        double mean = outcomes.Sum(o => o.Value * o.Probability);
        double variance = outcomes.Sum(o => o.Probability * (o.Value - mean) * (o.Value - mean));
        double alpha = 1 - confidenceLevel;
        return new BootstrapInterval(n, estimate, ExactQuantile(outcomes, alpha / 2), ExactQuantile(outcomes, 1 - alpha / 2),
            confidenceLevel, outcomes.Count, 0, Math.Sqrt(variance), $"exact: all {n}^{n} resamples, as {outcomes.Count} multisets");
    }

    /// <summary>C(2n − 1, n): how many distinct resamples (multisets) n items have; saturates at <see cref="long.MaxValue"/>.</summary>
    public static long Multisets(int n)
    {
        double log = LogFactorial(2 * n - 1) - LogFactorial(n) - LogFactorial(n - 1);
        return log > 43 ? long.MaxValue : (long)Math.Round(Math.Exp(log));
    }

    /// <summary>The smallest value whose cumulative probability reaches q (a tolerance absorbs rounding of the weights).</summary>
    private static double ExactQuantile(List<(double Value, double Probability)> sorted, double q)
    {
        double cumulative = 0;
        foreach (var (value, probability) in sorted)
        {
            cumulative += probability;
            if (cumulative >= q - 1e-12) return value;
        }
        return sorted[^1].Value;
    }

    private static double LogFactorial(int n) => MathNet.Numerics.SpecialFunctions.FactorialLn(n);

    private static double Checked(double value, string where) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"the statistic returned {value} on {where}: it must be finite", "statistic");
}
