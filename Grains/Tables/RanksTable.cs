namespace SmartMixed.Grains.Tables;

/// <summary>
/// ranks.csv: one row per model (see <see cref="ModelRanks"/>), best mean rank first (ties: plan order). Columns:
/// group_by (the factor whose levels are the groups), model, baseline (label, empty for SmartMixed), groups (complete
/// groups used), first_ranks (groups where the model ties for the best score), mean_rank (1 = best; ties share the
/// average rank), mean_reciprocal_rank, test_accuracy_mean and test_accuracy_std (of the model's per-group scores, sample
/// std), then the tests over all models, the same on every row: friedman_chi2 (tie-corrected), friedman_df, friedman_p,
/// iman_davenport_f, iman_davenport_p, nemenyi_q (q₀.₀₅/√2), nemenyi_cd (two mean ranks further apart differ at
/// α = 0.05), groups_dropped (groups lacking a model's score), note.
/// </summary>
public static class RanksTable
{
    public const string FileName = "ranks.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "group_by", "model", "baseline", "groups", "first_ranks", "mean_rank", "mean_reciprocal_rank", "test_accuracy_mean", "test_accuracy_std",
        "friedman_chi2", "friedman_df", "friedman_p", "iman_davenport_f", "iman_davenport_p", "nemenyi_q", "nemenyi_cd", "groups_dropped", "note",
    ];

    public static SweepTable Build(ModelRanks ranks)
    {
        var rows = new List<IReadOnlyList<object?>>();
        if (ranks.Ranking is not { } ranking)
        {
            if (ranks.Note is { } note)
                rows.Add([ranks.GroupBy, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, null, note]);
            return new SweepTable(Header, rows);
        }
        var f = ranking.Friedman;
        var cd = ranking.Nemenyi;
        var order = ranking.Ranks.Select((r, i) => (Rank: r, Index: i)).OrderBy(x => x.Rank.MeanRank).ThenBy(x => x.Index);
        foreach (var (r, i) in order)
            rows.Add(
            [
                ranks.GroupBy, r.Model, ranks.Baselines[i], ranking.GroupsUsed.Count, r.FirstRankCount, r.MeanRank,
                r.MeanReciprocalRank, r.MeanScore, r.SdScore, f?.ChiSquare, f?.DegreesOfFreedom, f?.P, Finite(f?.ImanDavenportF), f?.ImanDavenportP,
                cd?.QAlpha, cd?.CriticalDifference, ranking.GroupsDropped.Count, Join(ranks.Note, f?.Note),
            ]);
        return new SweepTable(Header, rows);
    }

    /// <summary>An infinite Iman–Davenport F (every group ranks alike) is written as empty with its note.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
}
