using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;
using SmartMixed.Grains.Tables;
using SmartMixed.Training.Output;

namespace SmartMixed.Client.Sweeps;

/// <summary>What an export wrote: where, how many runs and curve rows, the cells' statistics, and the report's figures.</summary>
public sealed record ExportResult(string Directory, long Runs, long CurveRows, SweepAnalysis Analysis, TableLayout Layout, IReadOnlyList<string> Figures);

/// <summary>
/// Writes a sweep's tables into <c>DIR/&lt;sweep-id&gt;/</c>, never outside DIR: first the columns from the run specs,
/// then the rows streamed from the sweep's shards one page of runs at a time, so an export of any size needs the same
/// memory and every message stays small. The report (report.html and figures/) is written beside the tables from the
/// same pass: the cells' statistics and their curves aggregated over runs.
/// </summary>
public static class SweepExport
{
    public static IReadOnlyList<string> FileNames => SweepTableExport.FileNames;

    /// <summary>
    /// Writes only the report of a sweep into <c>DIR/&lt;sweep-id&gt;/</c>: its rows are streamed once into the cells'
    /// outcomes and aggregated curves (no table is written), then the statistics and the page are computed from those.
    /// </summary>
    public static async Task<(string Directory, IReadOnlyList<string> Figures)> ReportAsync(IGrainFactory grains, string sweepId, string directory,
        CancellationToken cancellation = default)
    {
        var target = TargetDirectory(directory, sweepId);
        var status = await SweepClient.ExistingAsync(grains, sweepId);
        var cells = new CellBook();
        var curves = new CurveBook(ReportModel.CellsWithCurves(await SweepReader.CellsAsync(grains, status, cancellation)));
        await foreach (var row in SweepReader.RowsAsync(grains, status, cancellation: cancellation))
        {
            cells.Add(row.Spec, SweepTableExport.OutcomeOf(row));
            curves.Add(row);
        }
        var analysis = SweepAnalysis.Of(cells, status.Settings?.CompareTo);
        var figures = SweepReport.Write(target, new ReportModel(sweepId, status.Description, status, analysis, curves, DateTimeOffset.UtcNow));
        return (target, figures);
    }

    public static string TargetDirectory(string directory, string sweepId)
    {
        SweepIds.Check(sweepId);
        var root = Path.GetFullPath(directory);
        var target = Path.GetFullPath(Path.Combine(root, sweepId));
        if (!target.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"the sweep id '{sweepId}' would leave {root}");
        WritableDirectory.Check(target, "--out", "choose another --out"); // before any work, not after the sweep
        return target;
    }

    public static async Task<ExportResult> ExportAsync(IGrainFactory grains, string sweepId, string directory, CancellationToken cancellation = default)
    {
        var target = TargetDirectory(directory, sweepId);
        var status = await SweepClient.ExistingAsync(grains, sweepId);

        var layout = new TableLayout(sweepId);
        await foreach (var spec in SweepReader.SpecsAsync(grains, status, cancellation))
            layout.Add(spec, ConfigColumns.Read(spec.ConfigJson));

        // The cells' outcomes (from their summaries, no curves) say beforehand which cells' curves the report draws.
        var curvesOf = ReportModel.CellsWithCurves(await SweepReader.CellsAsync(grains, status, cancellation));
        using var export = new SweepTableExport(target, layout, status.Settings?.CompareTo, curvesOf: curvesOf);
        await foreach (var row in SweepReader.RowsAsync(grains, status, cancellation: cancellation)) export.Add(row);
        export.Complete();
        var report = new ReportModel(sweepId, status.Description, status, export.Analysis!, export.Curves, DateTimeOffset.UtcNow);
        var figures = SweepReport.Write(target, report);
        return new ExportResult(target, export.Runs, export.CurveRows, export.Analysis!, layout, figures);
    }
}
