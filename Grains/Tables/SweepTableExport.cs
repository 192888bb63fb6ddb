using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// Writes one sweep's tables into a directory as its runs stream in: runs.csv and curves.csv row by row (nothing of a
/// run is kept once its rows are written but its outcome, for the cell tables), then, on <see cref="Complete"/>, the
/// per-cell tables. Every file replaces its previous version only when complete; an export that fails leaves the
/// previous tables.
/// </summary>
public sealed class SweepTableExport : IDisposable
{
    private readonly string _directory;
    private readonly TableLayout _layout;
    private readonly CsvStream _runs;
    private readonly CsvStream _curves;
    private readonly IReadOnlyList<string>? _compareTo;
    private readonly string? _rankBy;

    /// <param name="compareTo">The spec's declared baselines (<see cref="SweepSettings.CompareTo"/>); null: best on validation.</param>
    /// <param name="rankBy">The rank groups' factor (see <see cref="ModelRanks"/>); null: the default.</param>
    /// <param name="curvesOf">The cells whose curves the report draws (<see cref="ReportModel.CellsWithCurves"/>); null: every cell.</param>
    public SweepTableExport(string directory, TableLayout layout, IReadOnlyList<string>? compareTo = null, string? rankBy = null,
        IReadOnlySet<string>? curvesOf = null)
    {
        Curves = new CurveBook(curvesOf);
        Directory.CreateDirectory(directory);
        _directory = directory;
        _layout = layout;
        _compareTo = compareTo;
        _rankBy = rankBy;
        _runs = new CsvStream(Path.Combine(directory, RunsTable.FileName), RunsTable.Header(layout));
        _curves = new CsvStream(Path.Combine(directory, CurvesTable.FileName), CurvesTable.Header(layout));
    }

    public static IReadOnlyList<string> FileNames { get; } =
        [RunsTable.FileName, CurvesTable.FileName, AccuracyTable.FileName, DiversityTable.FileName, ComparisonsTable.FileName, EffectsTable.FileName, RanksTable.FileName];

    public CellBook Cells { get; } = new();

    /// <summary>The cells' curves, aggregated over runs for the report (never one curve per run).</summary>
    public CurveBook Curves { get; }

    public long Runs => _runs.Rows;

    public long CurveRows => _curves.Rows;

    public void Add(RunRow row)
    {
        _runs.Write(RunsTable.Row(_layout, row, ConfigColumns.Read(row.Spec.ConfigJson)));
        CurvesTable.Write(_layout, row, _curves);
        Cells.Add(row.Spec, OutcomeOf(row));
        Curves.Add(row);
    }

    /// <summary>The statistics of the cells, set by <see cref="Complete"/>.</summary>
    public SweepAnalysis? Analysis { get; private set; }

    public void Complete()
    {
        var analysis = Analysis = SweepAnalysis.Of(Cells, _compareTo, _rankBy);
        AccuracyTable.Build(analysis).Write(Path.Combine(_directory, AccuracyTable.FileName));
        DiversityTable.Build(Cells, _layout.Functions).Write(Path.Combine(_directory, DiversityTable.FileName));
        ComparisonsTable.Build(analysis).Write(Path.Combine(_directory, ComparisonsTable.FileName));
        EffectsTable.Build(analysis.Effects).Write(Path.Combine(_directory, EffectsTable.FileName));
        RanksTable.Build(analysis.Ranks).Write(Path.Combine(_directory, RanksTable.FileName));
        _runs.Commit();
        _curves.Commit();
    }

    public void Dispose()
    {
        _runs.Dispose();
        _curves.Dispose();
    }

    /// <summary>A run's outcome for the cell tables; an ended run without a record (it never started) counts by its status.</summary>
    /// <remarks>
    /// A run that early stopping paused keeps the record it wrote at its rung (its values there); it counts as paused.
    /// </remarks>
    public static RunOutcome? OutcomeOf(RunRow row)
    {
        if (row.View.Status == RunStatus.Paused)
            return (row.Record?.Outcome ?? RunOutcome.Empty(row.Spec.Hash, row.Spec.Seed, RunStatus.Paused, null, row.View.Epoch, row.View.Silo, row.View.Attempts))
                with { Status = RunStatus.Paused, FailureReason = row.View.FailureReason };
        return row.Record?.Outcome ?? (row.View.Status is RunStatus.Failed or RunStatus.Cancelled
            ? RunOutcome.Empty(row.Spec.Hash, row.Spec.Seed, row.View.Status, row.View.FailureReason, row.View.Epoch, row.View.Silo, row.View.Attempts)
            : null);
    }
}
