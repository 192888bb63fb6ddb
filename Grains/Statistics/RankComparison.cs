namespace SmartMixed.Grains.Statistics;

/// <summary>One model's standing over the complete groups of a <see cref="RankComparison"/>.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="FirstRankCount">Groups in which the model's score equals the group's best (every tied best counts).</param>
/// <param name="MeanRank">Mean of the model's ranks (1 = highest score; ties share the average rank).</param>
/// <param name="MeanReciprocalRank">Mean of 1 / rank with the same average ranks.</param>
/// <param name="MeanScore">Mean score over the complete groups.</param>
/// <param name="SdScore">Sample standard deviation (n − 1) of the scores; null with one group.</param>
public sealed record ModelRank(string Model, int FirstRankCount, double MeanRank, double MeanReciprocalRank, double MeanScore, double? SdScore);

/// <summary>
/// Friedman's test that all models rank alike, with the Iman–Davenport F variant. See <see cref="RankComparison"/>.
/// </summary>
/// <param name="Groups">N, the complete groups used.</param>
/// <param name="Models">k.</param>
/// <param name="ChiSquare">The tie-corrected Friedman statistic (as R and SciPy); null when undefined (see <see cref="Note"/>).</param>
/// <param name="ChiSquareUncorrected">The statistic without the tie correction, Demšar's (2006) formula; equal to
/// <see cref="ChiSquare"/> when no group has ties.</param>
/// <param name="DegreesOfFreedom">k − 1.</param>
/// <param name="P">Upper tail of χ²_(k−1) at the statistic; 1 when every group is a complete tie.</param>
/// <param name="ImanDavenportF">(N − 1) χ² / (N(k − 1) − χ²) from the tie-corrected χ²; +∞ when the groups agree perfectly;
/// null when χ² is.</param>
/// <param name="ImanDavenportDf1">k − 1.</param>
/// <param name="ImanDavenportDf2">(k − 1)(N − 1).</param>
/// <param name="ImanDavenportP">Upper tail of F(k − 1, (k − 1)(N − 1)); 0 when F is +∞; 1 when every group is a complete tie.</param>
/// <param name="Note">Why a value is null or fixed by rule; null otherwise.</param>
public sealed record FriedmanTest(
    int Groups,
    int Models,
    double? ChiSquare,
    double ChiSquareUncorrected,
    int DegreesOfFreedom,
    double? P,
    double? ImanDavenportF,
    int ImanDavenportDf1,
    int ImanDavenportDf2,
    double? ImanDavenportP,
    string? Note)
{
    /// <summary>Iman &amp; Davenport's (1980) F_F = (N − 1) χ² / (N(k − 1) − χ²) for a Friedman χ² over N groups and k models.</summary>
    public static double ImanDavenport(double chiSquare, int groups, int models) =>
        (groups - 1) * chiSquare / (groups * (models - 1.0) - chiSquare);
}

/// <summary>The Nemenyi critical difference: two mean ranks differing by more than <see cref="CriticalDifference"/> differ at α.</summary>
/// <param name="Alpha">Significance level.</param>
/// <param name="QAlpha">q_α = (studentized range (1 − α)-quantile for k groups, ν = ∞) / √2, Demšar's (2006) Table 5.</param>
/// <param name="CriticalDifference">q_α · √(k(k + 1) / (6N)).</param>
public sealed record NemenyiCriticalDifference(double Alpha, double QAlpha, double CriticalDifference)
{
    /// <summary>Nemenyi's critical difference for k models over N groups at level α.</summary>
    public static NemenyiCriticalDifference Compute(int models, int groups, double alpha = 0.05)
    {
        if (models < 2) throw new ArgumentException($"needs at least two models (got {models})", nameof(models));
        if (groups < 1) throw new ArgumentException($"needs at least one group (got {groups})", nameof(groups));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must lie strictly between 0 and 1 (got {alpha})", nameof(alpha));
        double q = StudentizedRange.Quantile(1 - alpha, models, double.PositiveInfinity) / Math.Sqrt(2);
        return new NemenyiCriticalDifference(alpha, q, q * Math.Sqrt(models * (models + 1.0) / (6.0 * groups)));
    }
}

/// <summary>
/// Ranks of k models over groups (e.g. architectures) from one score per (group, model), higher = better, as in
/// Demšar (2006) "Statistical comparisons of classifiers over multiple data sets".
/// <para>
/// Missing scores: a group enters only if every model has a score there (a "complete group"); everything below is
/// over the complete groups, whose names are listed with those left out. Within a group the highest score gets
/// rank 1 and tied scores (exact equality) share the average of the ranks they span.
/// </para>
/// <para>
/// Friedman: with Rⱼ the mean rank of model j over N groups, χ²_F = 12N/(k(k+1)) · Σ (Rⱼ − (k+1)/2)², divided by the
/// tie correction 1 − Σ(t³ − t)/(N(k³ − k)) over the tie groups of all groups (as R's <c>friedman.test</c> and SciPy's
/// <c>friedmanchisquare</c>; no ties → Demšar's formula), p from χ²_(k−1). Iman–Davenport: F_F = (N − 1)χ²_F /
/// (N(k − 1) − χ²_F) on (k − 1, (k − 1)(N − 1)) degrees of freedom. Needs N ≥ 2 and k ≥ 2; otherwise null.
/// When every group is a complete tie the statistic is 0/0: χ² and F are null and both p-values are 1 by rule.
/// </para>
/// <para>Nemenyi: CD = q_α √(k(k + 1)/(6N)), q_α from <see cref="StudentizedRange.Quantile"/>; given when N ≥ 2.</para>
/// </summary>
/// <param name="Models">The model names, in the order given.</param>
/// <param name="GroupsUsed">Complete groups, in the order given.</param>
/// <param name="GroupsDropped">Groups with at least one missing score.</param>
/// <param name="Ranks">Per model, in <see cref="Models"/> order; empty when no group is complete.</param>
/// <param name="Friedman">Null when fewer than two groups are complete.</param>
/// <param name="Nemenyi">Null when fewer than two groups are complete.</param>
public sealed record RankComparison(
    IReadOnlyList<string> Models,
    IReadOnlyList<string> GroupsUsed,
    IReadOnlyList<string> GroupsDropped,
    IReadOnlyList<ModelRank> Ranks,
    FriedmanTest? Friedman,
    NemenyiCriticalDifference? Nemenyi)
{
    public const string AllTied = "every group is a complete tie: the statistic is 0/0, p = 1 by rule";
    public const string PerfectAgreement = "every group ranks the models identically: Iman–Davenport F is infinite";

    /// <summary>
    /// Ranks the models. <paramref name="scores"/>[g][m] is the score of model m in group g (null = missing); one row
    /// per group, one column per model; finite values.
    /// </summary>
    public static RankComparison Compute(
        IReadOnlyList<string> models, IReadOnlyList<string> groups, IReadOnlyList<IReadOnlyList<double?>> scores, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(scores);
        int k = models.Count;
        if (k < 2) throw new ArgumentException($"ranking needs at least two models (got {k})", nameof(models));
        if (models.Distinct(StringComparer.Ordinal).Count() != k) throw new ArgumentException("model names must be distinct", nameof(models));
        Guard.SameLength(groups.Count, scores.Count, nameof(groups), nameof(scores));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must lie strictly between 0 and 1 (got {alpha})", nameof(alpha));

        var used = new List<string>();
        var dropped = new List<string>();
        var rankRows = new List<double[]>();
        var scoreRows = new List<double[]>();
        double tieSum = 0;
        for (int g = 0; g < scores.Count; g++)
        {
            var row = scores[g] ?? throw new ArgumentException($"scores[{g}] is null", nameof(scores));
            if (row.Count != k) throw new ArgumentException($"scores[{g}] has {row.Count} entries for {k} models", nameof(scores));
            for (int m = 0; m < k; m++)
                if (row[m] is { } v && !double.IsFinite(v)) throw new ArgumentException($"scores[{g}][{m}] is {v}: scores must be finite", nameof(scores));
            if (row.Any(v => v is null)) { dropped.Add(groups[g]); continue; }
            var values = row.Select(v => v!.Value).ToArray();
            used.Add(groups[g]);
            scoreRows.Add(values);
            rankRows.Add(DescendingRanks(values, ref tieSum));
        }

        int n = used.Count;
        if (n == 0) return new RankComparison(models, used, dropped, [], null, null);

        var ranks = new List<ModelRank>(k);
        var meanRanks = new double[k];
        for (int m = 0; m < k; m++)
        {
            int first = 0;
            double rankSum = 0, reciprocalSum = 0;
            var modelScores = new double[n];
            for (int g = 0; g < n; g++)
            {
                if (scoreRows[g][m] == scoreRows[g].Max()) first++;
                rankSum += rankRows[g][m];
                reciprocalSum += 1 / rankRows[g][m];
                modelScores[g] = scoreRows[g][m];
            }
            meanRanks[m] = rankSum / n;
            var (mean, sd) = Guard.MeanSd(modelScores);
            ranks.Add(new ModelRank(models[m], first, meanRanks[m], reciprocalSum / n, mean, n > 1 ? sd : null));
        }

        if (n < 2) return new RankComparison(models, used, dropped, ranks, null, null);
        return new RankComparison(models, used, dropped, ranks, FriedmanOf(meanRanks, n, tieSum), NemenyiCriticalDifference.Compute(k, n, alpha));
    }

    private static FriedmanTest FriedmanOf(double[] meanRanks, int n, double tieSum)
    {
        int k = meanRanks.Length;
        int df1 = k - 1, df2 = (k - 1) * (n - 1);
        double centre = (k + 1) / 2.0, spread = 0;
        foreach (var r in meanRanks) spread += (r - centre) * (r - centre);
        double uncorrected = 12.0 * n / (k * (k + 1.0)) * spread;
        double correction = 1 - tieSum / (n * ((double)k * k * k - k));
        if (correction <= 1e-12) return new FriedmanTest(n, k, null, uncorrected, df1, 1, null, df1, df2, 1, AllTied);

        double chi = uncorrected / correction;
        double p = Tails.ChiSquareUpper(df1, chi);
        // χ² reaches N(k − 1) only when every group ranks the models the same way: F is then infinite.
        if (n * (k - 1.0) - chi <= 1e-9 * n * (k - 1.0))
            return new FriedmanTest(n, k, chi, uncorrected, df1, p, double.PositiveInfinity, df1, df2, 0, PerfectAgreement);
        double f = FriedmanTest.ImanDavenport(chi, n, k);
        return new FriedmanTest(n, k, chi, uncorrected, df1, p, f, df1, df2, Tails.FUpper(df1, df2, f), null);
    }

    // Ranks with 1 = highest; ties share the average rank. Adds Σ(t³ − t) of the ties to tieSum.
    private static double[] DescendingRanks(double[] values, ref double tieSum)
    {
        int k = values.Length;
        var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ToArray();
        var ranks = new double[k];
        for (int start = 0; start < k;)
        {
            int end = start + 1;
            while (end < k && values[order[end]] == values[order[start]]) end++;
            double rank = (start + 1 + end) / 2.0;
            for (int j = start; j < end; j++) ranks[order[j]] = rank;
            double t = end - start;
            tieSum += t * t * t - t;
            start = end;
        }
        return ranks;
    }
}
