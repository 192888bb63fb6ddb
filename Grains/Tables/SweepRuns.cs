using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Tables;

/// <summary>One run as the tables see it: the record plus what its config JSON says.</summary>
internal sealed class TableRun
{
    /// <summary>Top-level config fields that only concern the selection (and the seed): ignored when a SmartMixed
    /// cell looks for the baselines it is compared with. <c>is_baseline</c> is derived from <c>fixed</c>.</summary>
    public static readonly IReadOnlySet<string> SelectionOnlyFields =
        new HashSet<string>(StringComparer.Ordinal) { "pool", "fixed", "temperature", "switch", "selection", "phase_two", "preset", "seed", "is_baseline" };

    /// <summary>Config fields with their own column (seed, baseline), left out of the config.* columns.</summary>
    public static readonly IReadOnlySet<string> OwnColumnFields = new HashSet<string>(StringComparer.Ordinal) { "seed", "is_baseline" };

    public TableRun(RunRecord record)
    {
        Record = record;
        var flat = ConfigFlattener.TryFlatten(record.Spec.ConfigJson, out var seed, out var pool, out var fixedFn);
        Config = flat.Where(e => !OwnColumnFields.Contains(TopLevel(e.Key))).ToList();
        Seed = seed ?? SeedFromFactors(record.Spec.Factors);
        Pool = pool;
        Fixed = fixedFn;
        var comparable = new StringBuilder();
        foreach (var (key, value) in flat)
            if (!SelectionOnlyFields.Contains(TopLevel(key))) comparable.Append(key).Append('=').Append(CsvTable.Format(value)).Append('\n');
        ComparableConfig = comparable.ToString();
    }

    public RunRecord Record { get; }
    public RunSpec Spec => Record.Spec;
    public string Cell => Record.Spec.CellKey;
    public bool IsBaseline => Record.Spec.IsBaseline;
    public bool IsDone => Record.Status == RunStatus.Done;
    public int? Seed { get; }
    /// <summary>Flattened config settings in the JSON's field order (dotted paths), without seed and is_baseline.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Config { get; }
    public IReadOnlyList<string> Pool { get; }
    public string? Fixed { get; }
    /// <summary>The config without its selection-only fields and seed, as text: equal text = comparable runs.</summary>
    public string ComparableConfig { get; }

    public string? FactorValue(string name)
    {
        foreach (var f in Record.Spec.Factors)
            if (string.Equals(f.Name, name, StringComparison.Ordinal)) return f.Value;
        return null;
    }

    public static bool IsSeedFactor(string name) => string.Equals(name, "seed", StringComparison.OrdinalIgnoreCase);

    private static string TopLevel(string path)
    {
        var dot = path.IndexOf('.');
        return dot < 0 ? path : path[..dot];
    }

    private static int? SeedFromFactors(FactorValue[] factors)
    {
        foreach (var f in factors)
            if (IsSeedFactor(f.Name) && int.TryParse(f.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) return s;
        return null;
    }

    /// <summary>Ordinal by cell key, then seed (missing first), then run hash; then status, attempts, epochs.</summary>
    public static int Compare(TableRun a, TableRun b)
    {
        int c = string.CompareOrdinal(a.Cell, b.Cell);
        if (c != 0) return c;
        c = Nullable.Compare(a.Seed, b.Seed);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Spec.Hash, b.Spec.Hash);
        if (c != 0) return c;
        c = a.Record.Status.CompareTo(b.Record.Status);
        if (c != 0) return c;
        c = a.Record.Attempts.CompareTo(b.Record.Attempts);
        return c != 0 ? c : a.Record.EpochsRun.CompareTo(b.Record.EpochsRun);
    }
}

/// <summary>The runs of one sweep in table order, grouped into cells, with the column layouts they imply.</summary>
internal sealed class SweepRuns
{
    public SweepRuns(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var views = runs.Select(r => new TableRun(r)).ToList();
        views.Sort(TableRun.Compare);
        Runs = views;
        Cells = views.GroupBy(v => v.Cell, StringComparer.Ordinal).Select(g => new Cell(g.Key, g.ToList())).ToList();
        Functions = FunctionOrder(views);
        Shares = ShareLayout.From(views, Functions, includeCurves: true);
    }

    public IReadOnlyList<TableRun> Runs { get; }
    public IReadOnlyList<Cell> Cells { get; }
    /// <summary>Every function in first-seen order: SmartMixed runs before baselines, each run's config pool, then its
    /// final selection, then its curve's selections.</summary>
    public IReadOnlyList<string> Functions { get; }
    /// <summary>The share.L&lt;layer&gt;.&lt;function&gt; columns of runs.csv and curves.csv.</summary>
    public ShareLayout Shares { get; }

    /// <summary>Factor names in first-seen order over the given runs (in table order), optionally without the seed.</summary>
    public static IReadOnlyList<string> FactorNames(IEnumerable<TableRun> runs, bool withoutSeed)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
            foreach (var f in run.Spec.Factors)
                if (!(withoutSeed && TableRun.IsSeedFactor(f.Name)) && seen.Add(f.Name)) names.Add(f.Name);
        return names;
    }

    private static IReadOnlyList<string> FunctionOrder(IReadOnlyList<TableRun> views)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string f) { if (seen.Add(f)) order.Add(f); }
        foreach (var run in views.Where(v => !v.IsBaseline).Concat(views.Where(v => v.IsBaseline)))
        {
            foreach (var f in run.Pool) Add(f);
            foreach (var layer in run.Record.Selection ?? []) foreach (var f in layer.Functions) Add(f);
            foreach (var point in run.Record.Curve ?? [])
                foreach (var layer in point.Selection ?? []) foreach (var f in layer.Functions) Add(f);
        }
        return order;
    }
}

/// <summary>The runs of one cell (CellKey), in table order.</summary>
internal sealed record Cell(string Key, IReadOnlyList<TableRun> Runs)
{
    public bool IsBaseline => Runs[0].IsBaseline;
    public IEnumerable<TableRun> Done => Runs.Where(r => r.IsDone);
}

/// <summary>
/// Columns share.L&lt;layer&gt;.&lt;function&gt;: every (layer, function) pair that occurs in a selection, layers ascending,
/// functions in the sweep's function order. A share is count / layer total; null where the run's layer does not
/// list the function (or the layer is absent or empty).
/// </summary>
internal sealed class ShareLayout
{
    private ShareLayout(IReadOnlyList<(int Layer, string Function)> columns) => Columns = columns;

    public IReadOnlyList<(int Layer, string Function)> Columns { get; }

    public IEnumerable<string> Header => Columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"share.L{c.Layer}.{c.Function}"));

    public static ShareLayout From(IEnumerable<TableRun> runs, IReadOnlyList<string> functionOrder, bool includeCurves)
    {
        var pairs = new HashSet<(int, string)>();
        foreach (var run in runs)
        {
            foreach (var layer in run.Record.Selection ?? []) foreach (var f in layer.Functions) pairs.Add((layer.Layer, f));
            if (!includeCurves) continue;
            foreach (var point in run.Record.Curve ?? [])
                foreach (var layer in point.Selection ?? []) foreach (var f in layer.Functions) pairs.Add((layer.Layer, f));
        }
        var rank = functionOrder.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var columns = pairs
            .OrderBy(p => p.Item1)
            .ThenBy(p => rank.TryGetValue(p.Item2, out var r) ? r : int.MaxValue)
            .ThenBy(p => p.Item2, StringComparer.Ordinal)
            .ToList();
        return new ShareLayout(columns);
    }

    public IEnumerable<object?> Values(IReadOnlyList<LayerCounts>? selection)
    {
        foreach (var (layer, function) in Columns) yield return Share(selection, layer, function);
    }

    /// <summary>count / total of one function in one layer; null if not applicable.</summary>
    public static double? Share(IReadOnlyList<LayerCounts>? selection, int layer, string function)
    {
        var counts = Find(selection, layer);
        if (counts is null) return null;
        var index = Array.IndexOf(counts.Functions, function);
        if (index < 0 || index >= counts.Counts.Length) return null;
        long total = 0;
        foreach (var c in counts.Counts) total += c;
        return total > 0 ? counts.Counts[index] / (double)total : null;
    }

    public static LayerCounts? Find(IReadOnlyList<LayerCounts>? selection, int layer)
    {
        if (selection is null) return null;
        foreach (var l in selection)
            if (l.Layer == layer) return l;
        return null;
    }
}

/// <summary>Flattens a run config's JSON into dotted paths in field order.</summary>
internal static class ConfigFlattener
{
    /// <summary>
    /// Objects become dotted paths; arrays of numbers are joined with '-' (hidden: "512-256"), other arrays with ','
    /// (pool: "relu,tanh"); integers as long, other numbers as double, booleans as bool, null as null. A config that
    /// is not a JSON object yields no settings.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> TryFlatten(string? json, out int? seed, out IReadOnlyList<string> pool, out string? fixedFunction)
    {
        seed = null;
        pool = [];
        fixedFunction = null;
        var result = new List<KeyValuePair<string, object?>>();
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return result;
            Walk(root, "", result);
            if (root.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var seedValue)) seed = seedValue;
            if (root.TryGetProperty("pool", out var p) && p.ValueKind == JsonValueKind.Array)
                pool = p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
            if (root.TryGetProperty("fixed", out var f) && f.ValueKind == JsonValueKind.String) fixedFunction = f.GetString();
        }
        catch (JsonException)
        {
            result.Clear();
        }
        return result;
    }

    private static void Walk(JsonElement element, string path, List<KeyValuePair<string, object?>> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, into);
            return;
        }
        into.Add(new(path, Scalar(element)));
    }

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number)
            ? string.Join("-", element.EnumerateArray().Select(e => CsvTable.Format(Scalar(e))))
            : string.Join(",", element.EnumerateArray().Select(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? e.GetRawText() : CsvTable.Format(Scalar(e)))),
        _ => element.GetRawText(),
    };
}
