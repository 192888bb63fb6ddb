using System.Text.RegularExpressions;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Client.Sweeps;

/// <summary>Writes a sweep's four tables into <c>DIR/&lt;sweep-id&gt;/</c>, never outside DIR.</summary>
public static partial class SweepExport
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ValidId();

    public static string TargetDirectory(string directory, string sweepId)
    {
        if (!ValidId().IsMatch(sweepId) || sweepId.Contains(".."))
            throw new ArgumentException($"'{sweepId}' is not a sweep id (lower-case letters, digits, '.', '_' and '-')");
        var root = Path.GetFullPath(directory);
        var target = Path.GetFullPath(Path.Combine(root, sweepId));
        if (!target.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"the sweep id '{sweepId}' would leave {root}");
        return target;
    }

    public static async Task<(string Directory, int Records)> ExportAsync(IGrainFactory grains, string sweepId, string directory)
    {
        var target = TargetDirectory(directory, sweepId);
        var tables = await grains.GetGrain<ISweepAggregatorGrain>(sweepId).GetTables();
        Directory.CreateDirectory(target);
        Write(target, RunsTable.FileName, tables.Runs);
        Write(target, AccuracyTable.FileName, tables.Accuracy);
        Write(target, DiversityTable.FileName, tables.Diversity);
        Write(target, CurvesTable.FileName, tables.Curves);
        return (target, tables.RecordCount);
    }

    private static void Write(string directory, string name, string csv)
    {
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, csv, new System.Text.UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
