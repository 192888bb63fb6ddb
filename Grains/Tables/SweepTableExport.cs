using SmartMixed.GrainInterfaces;

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

    public SweepTableExport(string directory, TableLayout layout)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _layout = layout;
        _runs = new CsvStream(Path.Combine(directory, RunsTable.FileName), RunsTable.Header(layout));
        _curves = new CsvStream(Path.Combine(directory, CurvesTable.FileName), CurvesTable.Header(layout));
    }

    public static IReadOnlyList<string> FileNames { get; } =
        [RunsTable.FileName, CurvesTable.FileName, AccuracyTable.FileName, DiversityTable.FileName];

    public CellBook Cells { get; } = new();

    public long Runs => _runs.Rows;

    public long CurveRows => _curves.Rows;

    public void Add(RunRow row)
    {
        _runs.Write(RunsTable.Row(_layout, row, ConfigColumns.Read(row.Spec.ConfigJson)));
        foreach (var epoch in CurvesTable.Rows(_layout, row)) _curves.Write(epoch);
        Cells.Add(row.Spec, OutcomeOf(row));
    }

    public void Complete()
    {
        AccuracyTable.Build(Cells).Write(Path.Combine(_directory, AccuracyTable.FileName));
        DiversityTable.Build(Cells, _layout.Functions).Write(Path.Combine(_directory, DiversityTable.FileName));
        _runs.Commit();
        _curves.Commit();
    }

    public void Dispose()
    {
        _runs.Dispose();
        _curves.Dispose();
    }

    /// <summary>A run's outcome for the cell tables; an ended run without a record (it never started) counts by its status.</summary>
    private static RunOutcome? OutcomeOf(RunRow row) =>
        row.Record?.Outcome ?? (row.View.Status is RunStatus.Failed or RunStatus.Cancelled
            ? RunOutcome.Empty(row.Spec.Hash, row.Spec.Seed, row.View.Status, row.View.FailureReason, row.View.Epoch, row.View.Silo, row.View.Attempts)
            : null);
}
