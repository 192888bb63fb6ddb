using System.Text;
using SmartMixed.Client.Specs;

namespace SmartMixed.Chaos;

/// <summary>
/// The exported tables: runs.csv has one row per planned run, curves.csv one row per run and epoch, accuracy.csv one
/// row per cell with every run counted once.
/// </summary>
public static class ExportCheck
{
    public static IReadOnlyList<string> Check(string directory, SweepPlan plan, out string summary)
    {
        var problems = new List<string>();
        var planned = plan.Runs.ToDictionary(r => r.Hash, r => r.Config.Epochs, StringComparer.Ordinal);
        var runsPath = Path.Combine(directory, "runs.csv");
        var curvesPath = Path.Combine(directory, "curves.csv");
        if (!File.Exists(runsPath) || !File.Exists(curvesPath))
        {
            summary = "no tables";
            return [$"the client wrote no tables in {directory}"];
        }

        var runs = Read(runsPath);
        var hashes = runs.Rows.Select(r => r[runs.Column("run_hash")]).ToList();
        foreach (var group in hashes.GroupBy(h => h).Where(g => g.Count() > 1)) problems.Add($"runs.csv: run {group.Key} has {group.Count()} rows");
        foreach (var hash in planned.Keys.Where(h => !hashes.Contains(h))) problems.Add($"runs.csv: planned run {hash} has no row");
        foreach (var hash in hashes.Where(h => !planned.ContainsKey(h)).Distinct()) problems.Add($"runs.csv: run {hash} is not planned");
        foreach (var row in runs.Rows.Where(r => r[runs.Column("status")] != "done"))
            problems.Add($"runs.csv: run {row[runs.Column("run_hash")]} is {row[runs.Column("status")]}");

        var curves = Read(curvesPath);
        var epochs = curves.Rows.Select(r => (Hash: r[curves.Column("run_hash")], Epoch: int.Parse(r[curves.Column("epoch")]))).ToList();
        foreach (var group in epochs.GroupBy(e => e).Where(g => g.Count() > 1))
            problems.Add($"curves.csv: run {group.Key.Hash} epoch {group.Key.Epoch} has {group.Count()} rows");
        foreach (var (hash, count) in planned)
        {
            var have = epochs.Where(e => e.Hash == hash).Select(e => e.Epoch).Distinct().Order().ToArray();
            if (!have.SequenceEqual(Enumerable.Range(1, count))) problems.Add($"curves.csv: run {hash} has epochs [{string.Join(",", have)}], not 1..{count}");
        }
        // accuracy.csv: one row per cell, each run counted once (n over the cells adds up to the plan).
        var accuracyPath = Path.Combine(directory, "accuracy.csv");
        int cells = 0, counted = 0;
        if (!File.Exists(accuracyPath)) problems.Add("no accuracy.csv");
        else
        {
            var accuracy = Read(accuracyPath);
            var cellKeys = accuracy.Rows.Select(r => r[accuracy.Column("cell")]).ToList();
            foreach (var group in cellKeys.GroupBy(c => c).Where(g => g.Count() > 1)) problems.Add($"accuracy.csv: cell {group.Key} has {group.Count()} rows");
            cells = cellKeys.Count;
            counted = accuracy.Rows.Sum(r => int.Parse(r[accuracy.Column("n")]));
            if (counted != planned.Count) problems.Add($"accuracy.csv counts {counted} runs over its cells, the plan has {planned.Count}");
            if (cells != plan.CellCount) problems.Add($"accuracy.csv has {cells} cells, the plan {plan.CellCount}");
        }
        summary = $"runs.csv {runs.Rows.Count} rows ({hashes.Distinct().Count()} runs), curves.csv {curves.Rows.Count} rows " +
                  $"({epochs.Distinct().Count()} run-epochs, {planned.Values.Sum()} planned), accuracy.csv {cells} cells counting {counted} runs";
        return problems;
    }

    private sealed record Table(string[] Header, List<string[]> Rows)
    {
        public int Column(string name) => Array.IndexOf(Header, name) is var i and >= 0 ? i : throw new InvalidDataException($"no column {name}");
    }

    private static Table Read(string path)
    {
        var records = Parse(File.ReadAllText(path));
        return new Table(records[0], records.Skip(1).Where(r => r.Length > 1 || r[0].Length > 0).ToList());
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields.ToArray());
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return records;
    }
}
