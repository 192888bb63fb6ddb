using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Grains.Report;

/// <summary>
/// What a report page shows: the sweep, where it stands, the statistics of its cells and, for a finished sweep's
/// report, the cells' aggregated curves (null on the live page, which reads outcomes only).
/// </summary>
/// <param name="Eta">The live page's estimate of the time left; null in a static report.</param>
public sealed record ReportModel(
    string SweepId,
    string? Description,
    SweepStatus? Status,
    SweepAnalysis Analysis,
    CurveBook? Curves,
    DateTimeOffset Generated,
    bool Live = false,
    TimeSpan? Eta = null)
{
    /// <summary>Per-cell figures (heat-map PNG/SVG, selection over epochs) are drawn for at most this many SmartMixed
    /// cells, the best on validation accuracy first, so a 10,000-run sweep's report stays quick to write and to open.</summary>
    public const int MaxCellFigures = 24;

    /// <summary>Of those, the figures of at most this many are also inlined into the page (the others are in figures/).</summary>
    public const int MaxCellFiguresOnPage = 8;

    /// <summary>Heat-map grids on the page, at most this many cells (same order).</summary>
    public const int MaxHeatmaps = 200;

    /// <summary>Rows of the comparison and accuracy tables on the page, at most (the CSV files have them all).</summary>
    public const int MaxTableRows = 200;

    /// <summary>Cells in the learning-curve figure, at most.</summary>
    public const int MaxCurves = 12;

    /// <summary>SmartMixed cells with a finished run, best mean validation accuracy first (ties: plan order).</summary>
    public IReadOnlyList<CellData> SmartMixedCells => Ranked(Analysis.Book);

    /// <summary>The SmartMixed cells with a finished run of a book, best mean validation accuracy first (ties: plan order).</summary>
    public static IReadOnlyList<CellData> Ranked(CellBook book) => book.Cells
        .Where(c => !c.IsBaseline && c.Done.Any())
        .Select((c, i) => (Cell: c, Index: i, Validation: c.Done.Where(r => r.ValidationAccuracy.HasValue).Select(r => r.ValidationAccuracy!.Value).DefaultIfEmpty(double.NegativeInfinity).Average()))
        .OrderByDescending(x => x.Validation).ThenBy(x => x.Index)
        .Select(x => x.Cell)
        .ToList();

    /// <summary>
    /// The cells whose curves the report draws: the best SmartMixed cells (per-cell figures and learning curves) and the
    /// baselines, chosen from the cells' outcomes before any curve is read, so a report of any size keeps the curves of
    /// a bounded number of cells.
    /// </summary>
    public static IReadOnlySet<string> CellsWithCurves(CellBook book) =>
        Ranked(book).Take(Math.Max(MaxCellFigures, MaxCurves / 2)).Select(c => c.Key)
            .Concat(book.Cells.Where(c => c.IsBaseline && c.Done.Any()).Take(MaxCurves).Select(c => c.Key))
            .ToHashSet(StringComparer.Ordinal);
}
