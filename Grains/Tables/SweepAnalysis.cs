using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// The statistics of a sweep's cells, computed once for the tables and the report: which baseline each SmartMixed cell
/// is compared with (<see cref="BaselineChoice"/>), every SmartMixed cell that ran its budget against every baseline it
/// is compared with (<see cref="CellData.IsComparedWith"/>), with
/// Holm-adjusted p-values over that whole family (<see cref="CellComparison"/>), the factors' main effects and
/// interactions (<see cref="MainEffects"/>) and the models' ranks (<see cref="ModelRanks"/>). Needs the cells'
/// outcomes only: O(cells × seeds) memory.
/// </summary>
public sealed class SweepAnalysis
{
    private readonly Dictionary<CellData, BaselineChoice> _choices;

    private SweepAnalysis(CellBook book, IReadOnlyList<string>? compareTo, Dictionary<CellData, BaselineChoice> choices,
        IReadOnlyList<CellComparison> comparisons, MainEffects effects, ModelRanks ranks)
    {
        Book = book;
        CompareTo = compareTo;
        _choices = choices;
        Comparisons = comparisons;
        Effects = effects;
        Ranks = ranks;
    }

    public CellBook Book { get; }

    /// <summary>The spec's declared baselines (compare_to); null when it declares none.</summary>
    public IReadOnlyList<string>? CompareTo { get; }

    /// <summary>Every SmartMixed cell × every baseline of its setting, plan order, Holm-adjusted.</summary>
    public IReadOnlyList<CellComparison> Comparisons { get; }

    public MainEffects Effects { get; }

    public ModelRanks Ranks { get; }

    public BaselineChoice ChoiceFor(CellData cell) => _choices.TryGetValue(cell, out var c) ? c : new BaselineChoice(null, null);

    /// <summary>The comparison of a SmartMixed cell with its chosen baseline, if it has one.</summary>
    public CellComparison? ChosenComparison(CellData cell) => Comparisons.FirstOrDefault(c => ReferenceEquals(c.Cell, cell) && c.Chosen);

    /// <param name="rankBy">The factor whose levels are the rank groups; null: the architecture when it varies, else the seed.</param>
    public static SweepAnalysis Of(CellBook book, IReadOnlyList<string>? compareTo = null, string? rankBy = null)
    {
        var baselines = book.Cells.Where(c => c.IsBaseline).ToList();
        var choices = new Dictionary<CellData, BaselineChoice>(ReferenceEqualityComparer.Instance);
        var raw = new List<CellComparison>();
        // A cell that early stopping stopped did not run its budget: it is shown, never tested.
        foreach (var cell in book.Cells.Where(c => !c.IsBaseline && !c.IsStopped))
        {
            var choice = BaselineChoice.For(cell, baselines, compareTo);
            choices[cell] = choice;
            foreach (var baseline in baselines.Where(cell.IsComparedWith))
                raw.Add(CellComparison.Compute(cell, baseline, ReferenceEquals(baseline, choice.Baseline)));
        }
        var adjusted = HolmBonferroni.Adjust(raw.Select(c => c.P).ToList());
        var comparisons = raw.Select((c, i) => c with { PHolm = adjusted[i] }).ToList();
        return new SweepAnalysis(book, compareTo, choices, comparisons, MainEffects.Of(book), ModelRanks.Of(book, rankBy));
    }
}
