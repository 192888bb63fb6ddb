namespace SmartMixed.Grains.Statistics;

/// <summary>
/// Holm's step-down (Holm–Bonferroni) adjustment of a family of p-values, controlling the family-wise error rate.
/// With the m non-null p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of p₍ᵢ₎ is
/// max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎): monotone in the order of the raw p-values and capped at 1.
/// Equal p-values get equal adjusted values, and the result does not depend on the input order (same as R's
/// <c>p.adjust(p, "holm")</c>). Nulls (tests that could not be run) are left out of the family, so they do not
/// raise m, and come back as null at their positions.
/// </summary>
public static class HolmBonferroni
{
    /// <summary>The Holm-adjusted p-values, position for position; every non-null entry must lie in [0, 1].</summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var present = new List<int>();
        for (int i = 0; i < pValues.Count; i++)
        {
            if (pValues[i] is not { } p) continue;
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"pValues[{i}] is {p}: a p-value must lie in [0, 1]", nameof(pValues));
            present.Add(i);
        }
        // Sort by value, then by position: ties get equal adjusted values either way, the position only fixes the order.
        present.Sort((x, y) => pValues[x]!.Value != pValues[y]!.Value ? pValues[x]!.Value.CompareTo(pValues[y]!.Value) : x.CompareTo(y));

        var adjusted = new double?[pValues.Count];
        int m = present.Count;
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = present[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]!.Value));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
