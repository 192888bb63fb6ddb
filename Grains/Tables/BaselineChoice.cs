namespace SmartMixed.Grains.Tables;

/// <summary>
/// Which baseline a SmartMixed cell is compared with in accuracy.csv, chosen without looking at test data: among the
/// baseline cells it is compared with (<see cref="CellData.IsComparedWith"/>), the declared ones (the spec's <c>compare_to</c>) when the spec declares any,
/// else all of them; of those, the one with the highest mean validation accuracy (ties: first in plan order). Test
/// accuracy never enters the choice, so the comparison's interval and p-value mean what they say.
/// </summary>
/// <param name="Baseline">The chosen baseline cell; null when the setting has none with a validation accuracy.</param>
/// <param name="ChosenBy"><see cref="Declared"/>, <see cref="DeclaredBestValidation"/> or <see cref="BestValidation"/>.</param>
public sealed record BaselineChoice(CellData? Baseline, string? ChosenBy)
{
    /// <summary>The spec declares one baseline and the setting has it.</summary>
    public const string Declared = "declared";
    /// <summary>The spec declares several; the best of them on validation accuracy.</summary>
    public const string DeclaredBestValidation = "declared_best_validation";
    /// <summary>The spec declares none; the best of the setting's baselines on validation accuracy.</summary>
    public const string BestValidation = "best_validation";

    public static BaselineChoice For(CellData cell, IReadOnlyList<CellData> baselines, IReadOnlyList<string>? compareTo)
    {
        if (cell.IsBaseline) return new BaselineChoice(null, null);
        var candidates = baselines.Where(cell.IsComparedWith).ToList();
        string rule = BestValidation;
        if (compareTo is { Count: > 0 })
        {
            candidates = candidates.Where(b => compareTo.Contains(b.Baseline!, StringComparer.Ordinal)).ToList();
            rule = compareTo.Count == 1 ? Declared : DeclaredBestValidation;
        }
        CellData? best = null;
        double bestMean = double.NegativeInfinity;
        foreach (var b in candidates)
        {
            var values = b.Done.Where(r => r.ValidationAccuracy.HasValue).Select(r => r.ValidationAccuracy!.Value).ToList();
            if (values.Count == 0) continue;
            var mean = values.Average();
            if (mean > bestMean) (best, bestMean) = (b, mean);
        }
        return best is null ? new BaselineChoice(null, null) : new BaselineChoice(best, rule);
    }
}
