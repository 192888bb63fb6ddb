using System.Globalization;
using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// The paper's comparison, generalised: within each group (a level of <see cref="GroupBy"/>), every model — each
/// SmartMixed cell and each baseline, named without the group factor (<see cref="CellNames"/>) — is scored by its mean
/// test accuracy there and ranked (<see cref="RankComparison"/>: first ranks, mean rank, mean reciprocal rank, Friedman
/// with Iman–Davenport, Nemenyi critical difference). The default group is the architecture (factor <c>hidden</c> or
/// <c>architecture</c>) when it has two or more levels, else the seed: each seed is then one group, in which every
/// model's score is its run with that seed.
/// </summary>
public sealed record ModelRanks(string GroupBy, IReadOnlyList<string> Models, IReadOnlyList<string?> Baselines, RankComparison? Ranking, string? Note)
{
    public const string Seed = "seed";
    private static readonly string[] ArchitectureFactors = ["hidden", "architecture"];

    public static ModelRanks Of(CellBook book, string? groupBy = null)
    {
        var cells = book.Cells;
        groupBy ??= DefaultGroup(cells);
        bool bySeed = TableLayout.IsSeed(groupBy);
        var models = new List<string>();
        var baselines = new List<string?>();
        var groups = new List<string>();
        var scores = new Dictionary<(string Group, string Model), List<double>>();
        foreach (var cell in cells)
        {
            var model = CellNames.Of(cell, bySeed ? null : groupBy);
            if (!models.Contains(model)) { models.Add(model); baselines.Add(cell.Baseline); }
            foreach (var run in cell.Done.Where(r => r.TestAccuracy.HasValue))
            {
                var group = bySeed ? run.Seed.ToString(CultureInfo.InvariantCulture) : cell.Factor(groupBy) ?? "-";
                if (!groups.Contains(group)) groups.Add(group);
                if (!scores.TryGetValue((group, model), out var list)) scores[(group, model)] = list = [];
                list.Add(run.TestAccuracy!.Value);
            }
        }
        if (models.Count < 2) return new ModelRanks(groupBy, models, baselines, null, "fewer than two models to rank");
        if (groups.Count == 0) return new ModelRanks(groupBy, models, baselines, null, "no finished run");
        var matrix = groups
            .Select(g => (IReadOnlyList<double?>)models.Select(m => scores.TryGetValue((g, m), out var v) ? v.Average() : (double?)null).ToList())
            .ToList();
        var ranking = RankComparison.Compute(models, groups, matrix);
        string? note = ranking.GroupsDropped.Count > 0
            ? $"{ranking.GroupsDropped.Count} of {groups.Count} groups lack a model's score and are left out: {string.Join(", ", ranking.GroupsDropped)}"
            : null;
        if (ranking.GroupsUsed.Count < 2) note = (note is null ? "" : note + "; ") + "fewer than two complete groups: no Friedman test";
        return new ModelRanks(groupBy, models, baselines, ranking, note);
    }

    private static string DefaultGroup(IReadOnlyList<CellData> cells)
    {
        foreach (var name in ArchitectureFactors)
            if (cells.Select(c => c.Factor(name)).Where(v => v is not null && v != "-").Distinct(StringComparer.Ordinal).Count() >= 2) return name;
        return Seed;
    }
}
