using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>The four tables of one sweep, built from its run records.</summary>
public sealed record SweepTableSet(SweepTable Runs, SweepTable Accuracy, SweepTable Diversity, SweepTable Curves);

/// <summary>
/// Builds and writes a sweep's tables: runs.csv, accuracy.csv, diversity.csv, curves.csv. The output depends only
/// on the set of runs, not on their order: runs are sorted by cell key (ordinal), seed, then run hash, and every
/// first-seen column order is taken over that sorted list.
/// </summary>
public static class SweepTables
{
    public static readonly IReadOnlyList<string> FileNames =
        [RunsTable.FileName, AccuracyTable.FileName, DiversityTable.FileName, CurvesTable.FileName];

    public static SweepTableSet Build(IReadOnlyList<RunRecord> runs)
    {
        var sweep = new SweepRuns(runs);
        return new SweepTableSet(RunsTable.Build(sweep), AccuracyTable.Build(sweep), DiversityTable.Build(sweep), CurvesTable.Build(sweep));
    }

    /// <summary>
    /// Writes the four tables into <paramref name="directory"/> (created if missing), each first to a temporary file
    /// that then replaces the table, and returns their paths. Every run must belong to <paramref name="sweepId"/>.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory, string sweepId, IReadOnlyList<RunRecord> runs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(sweepId);
        ArgumentNullException.ThrowIfNull(runs);
        var stranger = runs.FirstOrDefault(r => !string.Equals(r.SweepId, sweepId, StringComparison.Ordinal));
        if (stranger is not null)
            throw new ArgumentException($"run {stranger.Spec.Hash} belongs to sweep '{stranger.SweepId}', not '{sweepId}'", nameof(runs));

        var tables = Build(runs);
        Directory.CreateDirectory(directory);
        var written = new List<string>(4);
        foreach (var (name, table) in new[]
                 {
                     (RunsTable.FileName, tables.Runs), (AccuracyTable.FileName, tables.Accuracy),
                     (DiversityTable.FileName, tables.Diversity), (CurvesTable.FileName, tables.Curves),
                 })
        {
            var path = Path.Combine(directory, name);
            var temporary = path + ".tmp";
            table.Write(temporary);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }
        return written;
    }
}
