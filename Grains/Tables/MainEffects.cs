using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// What each factor of the SmartMixed grid does to test accuracy: the factors that vary (two or more levels among
/// the SmartMixed cells, levels in plan order), seeds as blocks, analysed by <see cref="BlockedFactorialDesign"/>
/// over the complete seeds (a seed that lacks a cell, e.g. because a run failed, is left out and named in the note).
/// <para>
/// When no seed has every cell (a random search, or failures in every seed) there is no blocked analysis: the marginal
/// means and two-way tables are then plain means over the runs with t intervals (<see cref="Blocked"/> false), and the
/// ANOVA is left out with a note saying the design is unbalanced.
/// </para>
/// </summary>
public sealed record MainEffects(
    IReadOnlyList<Factor> Factors,
    BlockedFactorialAnova? Anova,
    IReadOnlyList<LevelMean> MarginalMeans,
    IReadOnlyList<InteractionTable> Interactions,
    bool Blocked,
    string? Note)
{
    public static MainEffects Of(CellBook book)
    {
        var cells = book.Cells.Where(c => !c.IsBaseline).ToList();
        var factors = VaryingFactors(cells);
        if (factors.Count == 0)
            return new MainEffects([], null, [], [], false, "no factor has two or more levels among the SmartMixed cells");

        var observations = cells
            .SelectMany(c => c.Done.Where(r => r.TestAccuracy.HasValue).Select(r => (Seed: r.Seed, Levels: Levels(c, factors), Y: r.TestAccuracy!.Value)))
            .ToList();
        if (observations.Count == 0) return new MainEffects(factors, null, [], [], false, "no finished SmartMixed run");

        var design = new BlockedFactorialDesign(factors);
        foreach (var o in observations) design.Add(o.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Levels, o.Y);
        var anova = design.Analyze(IncompleteBlocks.Drop);
        if (anova.MarginalMeans.Count > 0)
            return new MainEffects(factors, anova, anova.MarginalMeans, anova.Interactions, true, anova.Note);

        var note = $"unbalanced: no seed has every cell of the grid ({anova.Note}); means are over runs, not seed-blocked, and there is no ANOVA";
        return new MainEffects(factors, null, PlainMeans(factors, observations), PlainInteractions(factors, observations), false, note);
    }

    private static List<Factor> VaryingFactors(IReadOnlyList<CellData> cells)
    {
        var names = AccuracyTable.FactorNames(cells);
        var factors = new List<Factor>();
        foreach (var name in names)
        {
            var levels = cells.Select(c => c.Factor(name) ?? "-").Distinct(StringComparer.Ordinal).ToList();
            if (levels.Count >= 2) factors.Add(new Factor(name, levels));
        }
        return factors;
    }

    private static string[] Levels(CellData cell, IReadOnlyList<Factor> factors) => factors.Select(f => cell.Factor(f.Name) ?? "-").ToArray();

    private static List<LevelMean> PlainMeans(IReadOnlyList<Factor> factors, IReadOnlyList<(int Seed, string[] Levels, double Y)> observations)
    {
        var means = new List<LevelMean>();
        for (int i = 0; i < factors.Count; i++)
            foreach (var level in factors[i].Levels)
                means.Add(new LevelMean(factors[i].Name, level, MeanInterval.Of(observations.Where(o => o.Levels[i] == level).Select(o => o.Y).ToList())));
        return means;
    }

    private static List<InteractionTable> PlainInteractions(IReadOnlyList<Factor> factors, IReadOnlyList<(int Seed, string[] Levels, double Y)> observations)
    {
        var tables = new List<InteractionTable>();
        for (int i = 0; i < factors.Count; i++)
            for (int j = i + 1; j < factors.Count; j++)
            {
                var cells = new List<InteractionCell>();
                foreach (var a in factors[i].Levels)
                    foreach (var b in factors[j].Levels)
                        cells.Add(new InteractionCell(a, b, MeanInterval.Of(observations.Where(o => o.Levels[i] == a && o.Levels[j] == b).Select(o => o.Y).ToList())));
                tables.Add(new InteractionTable(factors[i].Name, factors[j].Name, cells));
            }
        return tables;
    }
}
