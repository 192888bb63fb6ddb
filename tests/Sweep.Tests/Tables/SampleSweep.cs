using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>
/// A small hand-built sweep "sw1", in plan order: SmartMixed cells A (tau 0.3, seeds 1–3) and B (tau 1, seeds 1–2 done,
/// seed 3 failed), baselines relu and tanh (seeds 1–3, same architecture) and elu on another architecture (seed 1).
/// Pool relu, tanh, elu; hidden 4-2. <see cref="Export"/> writes its tables through the real streaming export and reads
/// them back.
/// </summary>
internal static class SampleSweep
{
    public const string SweepId = "sw1";
    public const string CellA = "pool=p3|tau=0.3";
    public const string CellB = "pool=p3|tau=1";
    public const string CellRelu = "fixed=relu";
    public const string CellTanh = "fixed=tanh";
    public const string CellElu8 = "fixed=elu|hidden=8";
    public const string Setting42 = "setting-4-2";
    public const string Setting8 = "setting-8";
    public const string FailureReason = "diverged, loss \"nan\"";
    public static readonly string[] Pool = ["relu", "tanh", "elu"];

    public static IReadOnlyList<RunRow> Rows()
    {
        var rows = new List<RunRow>();
        double[] aTest = [0.90, 0.92, 0.94], aVal = [0.91, 0.93, 0.95];
        int[][] aL1 = [[2, 1, 1], [2, 2, 0], [4, 0, 0]], aL2 = [[0, 0, 2], [0, 1, 1], [0, 0, 2]];
        for (int s = 1; s <= 3; s++)
            rows.Add(Smart("a" + s, CellA, "0.3", s, aTest[s - 1], aVal[s - 1], [aL1[s - 1], aL2[s - 1]]));
        double[] bTest = [0.85, 0.87], bVal = [0.86, 0.88];
        for (int s = 1; s <= 2; s++)
            rows.Add(Smart("b" + s, CellB, "1", s, bTest[s - 1], bVal[s - 1], [[4, 0, 0], [0, 0, 2]]));
        var failed = new RunOutcome("b3", 3, RunStatus.Failed, FailureReason, 1, null, null, null, null, null, null, 0.3, 1.5, "silo-1", 1, null, Pool, []);
        rows.Add(Row(Spec("b3", CellB, Setting42, null, [new("pool", "p3"), new("tau", "1"), new("seed", "3")], Config([4, 2], null, "1", 3), 3),
            failed, Curve([Epoch(1, 1, 0.3, 0.25)], [[2, 1, 1], [1, 1, 0]], 3)));
        double[] reluTest = [0.89, 0.90, 0.92], reluVal = [0.90, 0.91, 0.93];
        double[] tanhTest = [0.80, 0.81, 0.82], tanhVal = [0.81, 0.82, 0.83];
        for (int s = 1; s <= 3; s++)
        {
            rows.Add(Baseline("r" + s, CellRelu, "relu", [4, 2], [new("fixed", "relu"), new("seed", S(s))], s, reluTest[s - 1], reluVal[s - 1]));
            rows.Add(Baseline("t" + s, CellTanh, "tanh", [4, 2], [new("fixed", "tanh"), new("seed", S(s))], s, tanhTest[s - 1], tanhVal[s - 1]));
        }
        rows.Add(Baseline("e1", CellElu8, "elu", [8], [new("fixed", "elu"), new("hidden", "8"), new("seed", "1")], 1, 0.99, 0.99));
        return rows;
    }

    public static string Config(int[] hidden, string? fixedFunction, string tau, int seed) =>
        "{\"preset\":\"default\",\"data\":{\"name\":\"synthetic\",\"max_train_samples\":null}," +
        $"\"hidden\":[{string.Join(",", hidden)}],\"pool\":[\"relu\",\"tanh\",\"elu\"]," +
        $"\"fixed\":{(fixedFunction is null ? "null" : "\"" + fixedFunction + "\"")}," +
        $"\"temperature\":{{\"schedule\":\"constant\",\"start\":{tau}}},\"optimizer\":{{\"learning_rate\":0.001}}," +
        $"\"epochs\":5,\"seed\":{seed}}}";

    /// <summary>The four tables as the export writes them, read back (every value as its CSV text).</summary>
    public static Tables Export(IEnumerable<RunRow>? rows = null, string[]? compareTo = null, string? rankBy = null)
    {
        var list = (rows ?? Rows()).ToList();
        var directory = Directory.CreateTempSubdirectory("smartmixed-tables-");
        try
        {
            var layout = new TableLayout(SweepId);
            foreach (var row in list) layout.Add(row.Spec, ConfigColumns.Read(row.Spec.ConfigJson));
            using (var export = new SweepTableExport(directory.FullName, layout, compareTo, rankBy))
            {
                foreach (var row in list) export.Add(row);
                export.Complete();
            }
            return new Tables(
                Load(Path.Combine(directory.FullName, RunsTable.FileName)),
                Load(Path.Combine(directory.FullName, AccuracyTable.FileName)),
                Load(Path.Combine(directory.FullName, DiversityTable.FileName)),
                Load(Path.Combine(directory.FullName, CurvesTable.FileName)),
                Load(Path.Combine(directory.FullName, ComparisonsTable.FileName)),
                Load(Path.Combine(directory.FullName, EffectsTable.FileName)),
                Load(Path.Combine(directory.FullName, RanksTable.FileName)),
                Directory.GetFiles(directory.FullName).Select(Path.GetFileName).Order().ToArray()!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public sealed record Tables(SweepTable Runs, SweepTable Accuracy, SweepTable Diversity, SweepTable Curves,
        SweepTable Comparisons, SweepTable Effects, SweepTable Ranks, string[] Files);

    public static SweepTable Load(string path)
    {
        var records = ParseCsv(File.ReadAllText(path));
        return new SweepTable(records[0], records.Skip(1).Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()).ToList());
    }

    private static string S(int seed) => seed.ToString(CultureInfo.InvariantCulture);

    private static RunRow Smart(string hash, string cell, string tau, int seed, double test, double val, int[][] selection)
    {
        var outcome = Outcome(hash, seed, test, val, 2, Pool, selection);
        return Row(Spec(hash, cell, Setting42, null, [new("pool", "p3"), new("tau", tau), new("seed", S(seed))], Config([4, 2], null, tau, seed), seed),
            outcome, Curve([Epoch(1, 1, 0.3, 0.25), Epoch(2, 2, null, null)], selection, 3));
    }

    private static RunRow Baseline(string hash, string cell, string fn, int[] hidden, FactorValue[] factors, int seed, double test, double val)
    {
        int[][] selection = hidden.Select(width => new[] { width }).ToArray();
        var spec = Spec(hash, cell, hidden.Length == 2 ? Setting42 : Setting8, fn, factors, Config(hidden, fn, "0.3", seed), seed);
        return Row(spec, Outcome(hash, seed, test, val, null, [fn], selection), Curve([Epoch(1, 2, null, null)], selection, 1));
    }

    private static RunOutcome Outcome(string hash, int seed, double test, double val, int? switchEpoch, string[] functions, int[][] selection) =>
        new(hash, seed, RunStatus.Done, null, 5, switchEpoch, 4, val, test, 0.3, 0.31, 0.25, 12.5, "silo-1", 1, null, functions, selection);

    private static RunSpec Spec(string hash, string cell, string setting, string? baseline, FactorValue[] factors, string config, int seed) =>
        new(hash, config, cell, setting, baseline, factors, seed, 5);

    private static RunRow Row(RunSpec spec, RunOutcome outcome, RunCurve curve) =>
        new(spec, new RunView(spec.Hash, outcome.Status, outcome.EpochsRun, 5, outcome.Silo, outcome.FailureReason, 1, spec.Factors, spec.Baseline, 0, 0),
            new RunRecord(SweepId, outcome, curve));

    private sealed record EpochValues(int Epoch, byte Phase, double? Temperature, double? Flip);

    private static EpochValues Epoch(int epoch, byte phase, double? temperature, double? flip) => new(epoch, phase, temperature, flip);

    /// <summary>Train loss 1/epoch, validation loss 0.9/epoch, accuracy 0.7 + 0.1·epoch, wall 1.5·epoch; every epoch selects <paramref name="selection"/>.</summary>
    private static RunCurve Curve(EpochValues[] epochs, int[][] selection, int functions) => new(
        epochs.Select(e => e.Phase).ToArray(),
        epochs.Select(e => e.Temperature).ToArray(),
        epochs.Select(e => 1.0 / e.Epoch).ToArray(),
        epochs.Select(e => 0.9 / e.Epoch).ToArray(),
        epochs.Select(e => 0.7 + 0.1 * e.Epoch).ToArray(),
        epochs.Select(e => e.Flip).ToArray(),
        epochs.Select(e => 1.5 * e.Epoch).ToArray(),
        selection.Length,
        epochs.SelectMany(_ => selection.SelectMany(l => l.Length == functions ? l : throw new ArgumentException("layer width"))).ToArray());

    /// <summary>Parses CSV text by RFC 4180 (CRLF records, quoted fields, "" for a quote) into records, header included.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
            }
            while (i < text.Length && text[i] != ',' && text[i] != '\r')
            {
                if (text[i] == '"' || text[i] == '\n') throw new FormatException($"stray character at {i}");
                field.Append(text[i++]);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length) throw new FormatException("the last record lacks its CRLF");
            if (text[i] == ',') { i++; continue; }
            if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"CR without LF at {i}");
            i += 2;
            records.Add(fields.ToArray());
            fields.Clear();
        }
        return records;
    }

    public static double Number(SweepTable table, int row, string column) =>
        table.Value(row, column) switch
        {
            double d => d,
            int i => i,
            long l => l,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            var other => throw new InvalidOperationException($"{column} in row {row} is {other ?? "null"}, not a number"),
        };

    public static int RowOf(SweepTable table, params (string Column, string Text)[] where)
    {
        for (int r = 0; r < table.Rows.Count; r++)
            if (where.All(w => table.Text(r, w.Column) == w.Text)) return r;
        throw new InvalidOperationException("no such row: " + string.Join(", ", where.Select(w => $"{w.Column}={w.Text}")));
    }
}
