using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>
/// A small hand-built sweep "sw1": SmartMixed cells A (tau 0.3, seeds 1–3) and B (tau 1, seeds 1–2 done, seed 3
/// failed), baselines relu and tanh (seeds 1–3, same architecture) and elu on another architecture (seed 1).
/// Pool relu, tanh, elu; hidden 4-2.
/// </summary>
internal static class SampleSweep
{
    public const string SweepId = "sw1";
    public const string CellA = "pool=p3|tau=0.3";
    public const string CellB = "pool=p3|tau=1";
    public const string CellRelu = "fixed=relu";
    public const string CellTanh = "fixed=tanh";
    public const string CellElu8 = "fixed=elu|hidden=8";
    public const string FailureReason = "diverged, loss \"nan\"";

    public static IReadOnlyList<RunRecord> Runs()
    {
        var runs = new List<RunRecord>();
        double[] aTest = [0.90, 0.92, 0.94], aVal = [0.91, 0.93, 0.95];
        int[][] aL1 = [[2, 1, 1], [2, 2, 0], [4, 0, 0]], aL2 = [[0, 0, 2], [0, 1, 1], [0, 0, 2]];
        for (int s = 1; s <= 3; s++)
        {
            var sel = SmartSelection(aL1[s - 1], aL2[s - 1]);
            runs.Add(Run("a" + s, CellA, false, [new("pool", "p3"), new("tau", "0.3"), new("seed", S(s))], Config([4, 2], null, "0.3", s),
                RunStatus.Done, aTest[s - 1], aVal[s - 1], sel, SmartCurve(sel)));
        }
        double[] bTest = [0.85, 0.87], bVal = [0.86, 0.88];
        for (int s = 1; s <= 2; s++)
        {
            var sel = SmartSelection([4, 0, 0], [0, 0, 2]);
            runs.Add(Run("b" + s, CellB, false, [new("pool", "p3"), new("tau", "1"), new("seed", S(s))], Config([4, 2], null, "1", s),
                RunStatus.Done, bTest[s - 1], bVal[s - 1], sel, SmartCurve(sel)));
        }
        runs.Add(Run("b3", CellB, false, [new("pool", "p3"), new("tau", "1"), new("seed", "3")], Config([4, 2], null, "1", 3),
            RunStatus.Failed, null, null, [], [Point(1, 1, 0.3, 0.25, SmartSelection([2, 1, 1], [1, 1, 0]))]) with
        {
            FailureReason = FailureReason,
            EpochsRun = 1,
            BestEpoch = null,
            SwitchEpoch = null,
        });
        double[] reluTest = [0.89, 0.90, 0.92], reluVal = [0.90, 0.91, 0.93];
        double[] tanhTest = [0.80, 0.81, 0.82], tanhVal = [0.81, 0.82, 0.83];
        for (int s = 1; s <= 3; s++)
        {
            runs.Add(Baseline("r" + s, CellRelu, "relu", [4, 2], [new("fixed", "relu"), new("seed", S(s))], s, reluTest[s - 1], reluVal[s - 1]));
            runs.Add(Baseline("t" + s, CellTanh, "tanh", [4, 2], [new("fixed", "tanh"), new("seed", S(s))], s, tanhTest[s - 1], tanhVal[s - 1]));
        }
        runs.Add(Baseline("e1", CellElu8, "elu", [8], [new("fixed", "elu"), new("hidden", "8"), new("seed", "1")], 1, 0.99, 0.99));
        return runs;
    }

    public static string Config(int[] hidden, string? fixedFunction, string tau, int seed) =>
        "{\"preset\":\"default\",\"data\":{\"name\":\"synthetic\",\"max_train_samples\":null}," +
        $"\"hidden\":[{string.Join(",", hidden)}],\"pool\":[\"relu\",\"tanh\",\"elu\"]," +
        $"\"fixed\":{(fixedFunction is null ? "null" : "\"" + fixedFunction + "\"")}," +
        $"\"temperature\":{{\"schedule\":\"constant\",\"start\":{tau}}},\"optimizer\":{{\"learning_rate\":0.001}}," +
        $"\"epochs\":5,\"seed\":{seed},\"is_baseline\":{(fixedFunction is null ? "false" : "true")}}}";

    private static string S(int seed) => seed.ToString(CultureInfo.InvariantCulture);

    private static LayerCounts[] SmartSelection(int[] layer1, int[] layer2) =>
        [new(1, ["relu", "tanh", "elu"], layer1), new(2, ["relu", "tanh", "elu"], layer2)];

    private static EpochPoint Point(int epoch, int phase, double? temperature, double? flip, LayerCounts[] selection) =>
        new(epoch, phase, temperature, 1.0 / epoch, 0.9 / epoch, 0.7 + 0.1 * epoch, flip, selection, 1.5 * epoch);

    private static EpochPoint[] SmartCurve(LayerCounts[] final) =>
        [Point(2, 2, null, null, final), Point(1, 1, 0.3, 0.25, final)]; // deliberately out of order

    private static RunRecord Baseline(string hash, string cell, string fn, int[] hidden, FactorValue[] factors, int seed, double test, double val)
    {
        LayerCounts[] sel = hidden.Select((width, i) => new LayerCounts(i + 1, [fn], [width])).ToArray();
        return Run(hash, cell, true, factors, Config(hidden, fn, "0.3", seed), RunStatus.Done, test, val, sel, [Point(1, 2, null, null, sel)]);
    }

    private static RunRecord Run(string hash, string cell, bool baseline, FactorValue[] factors, string config, RunStatus status,
        double? test, double? val, LayerCounts[] selection, EpochPoint[] curve) =>
        new(SweepId, new RunSpec(hash, config, cell, baseline, factors), status, null, 5, baseline ? null : 2, 4, val, test,
            0.3, 0.31, 0.25, 12.5, "silo-1", selection, curve, 1, null);

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
            var other => throw new InvalidOperationException($"{column} in row {row} is {other ?? "null"}, not a number"),
        };

    public static int RowOf(SweepTable table, params (string Column, string Text)[] where)
    {
        for (int r = 0; r < table.Rows.Count; r++)
            if (where.All(w => table.Text(r, w.Column) == w.Text)) return r;
        throw new InvalidOperationException("no such row: " + string.Join(", ", where.Select(w => $"{w.Column}={w.Text}")));
    }
}
