namespace SmartMixed.Grains.Tables;

/// <summary>
/// Readable names of cells for the rank table and the report: a baseline by its label, a SmartMixed cell as
/// "SmartMixed" followed by its factor levels; factors left out (the rank group) or not applying ("-") are not named.
/// </summary>
public static class CellNames
{
    public const string SmartMixed = "SmartMixed";

    public static string Of(CellData cell, string? without = null)
    {
        var levels = cell.Factors
            .Where(f => f.Value != "-" && !string.Equals(f.Name, without, StringComparison.Ordinal) && !string.Equals(f.Name, "fixed", StringComparison.Ordinal))
            .Select(f => $"{f.Name}={f.Value}")
            .ToList();
        var head = cell.Baseline ?? SmartMixed;
        return levels.Count == 0 ? head : $"{head} {string.Join(", ", levels)}";
    }
}
