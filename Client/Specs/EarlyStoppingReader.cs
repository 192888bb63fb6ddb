using System.Globalization;
using System.Text.Json.Nodes;
using SmartMixed.GrainInterfaces;
using static SmartMixed.Client.Specs.SpecValues;

namespace SmartMixed.Client.Specs;

/// <summary>
/// Reads a spec's <c>early_stopping: { rungs: [5, 15], keep: 1/3, metric: validation_loss }</c> (off when absent), and
/// reports every problem at its path.
/// </summary>
internal static class EarlyStoppingReader
{
    private static readonly string[] Keys = ["rungs", "keep", "metric"];
    private static readonly string[] Metrics = [EarlyStopping.ValidationLoss, EarlyStopping.ValidationAccuracy];

    public static EarlyStopping? Read(JsonObject spec, SweepSpec sweep, ProblemList problems)
    {
        if (!spec.TryGetPropertyValue("early_stopping", out var node)) return null;
        if (node is not JsonObject obj)
        {
            // An empty `early_stopping:` too: a key left without its settings must not silently mean "off".
            problems.Add("early_stopping", $"must be a mapping with rungs, keep and metric (or no early_stopping key at all), got {Show(node)}");
            return null;
        }
        if (sweep.Baselines.Contains("shuffled"))
        {
            // A shuffled run starts from its source run's final selection, which a stopped run never reaches.
            problems.Add("early_stopping", "cannot be combined with the shuffled baseline, which needs every SmartMixed run to finish; drop one of them");
            return null;
        }
        foreach (var (key, _) in obj)
            if (!Keys.Contains(key))
                problems.Add($"early_stopping.{key}", $"unknown key '{key}'{Suggest.Hint(key, Keys)}; valid keys: {string.Join(", ", Keys)}");

        int before = problems.Count;
        var rungs = ReadRungs(obj, sweep, problems);
        var keep = ReadKeep(obj, problems);
        var metric = EarlyStopping.ValidationLoss;
        if (obj.TryGetPropertyValue("metric", out var m))
        {
            if (AsString(m) is { } name && Metrics.Contains(name)) metric = name;
            else problems.Add("early_stopping.metric", $"must be {string.Join(" or ", Metrics)}, got {Show(m)}");
        }
        return problems.Count == before ? new EarlyStopping(rungs, keep, metric) : null;
    }

    private static int[] ReadRungs(JsonObject obj, SweepSpec sweep, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("rungs", out var node) || node is not JsonArray list || list.Count == 0)
        {
            problems.Add("early_stopping.rungs", "required: the epochs at which cells are compared, e.g. [5, 15]");
            return [];
        }
        var rungs = new List<int>();
        for (int i = 0; i < list.Count; i++)
        {
            var path = $"early_stopping.rungs[{i}]";
            if (!AsLong(list[i], out var epoch) || epoch < 1 || epoch > 1_000_000)
                problems.Add(path, $"must be a whole number of epochs ≥ 1, got {Show(list[i])}");
            else if (rungs.Count > 0 && epoch <= rungs[^1])
                problems.Add(path, $"rungs must increase: {epoch} comes after {rungs[^1]}");
            else if (sweep.EpochsValid && epoch >= sweep.Epochs)
                problems.Add(path, $"the rung at epoch {epoch} is not before the last epoch ({sweep.Epochs}); no cell would be compared there");
            else rungs.Add((int)epoch);
        }
        return rungs.ToArray();
    }

    /// <summary>A fraction in (0, 1), written as a number (0.33) or as a ratio ("1/3").</summary>
    private static double ReadKeep(JsonObject obj, ProblemList problems)
    {
        const string path = "early_stopping.keep";
        if (!obj.TryGetPropertyValue("keep", out var node))
        {
            problems.Add(path, "required: the fraction of cells kept at each rung, e.g. 1/3 or 0.5");
            return 0;
        }
        double keep = double.NaN;
        if (AsDouble(node, out var number)) keep = number;
        else if (AsString(node) is { } text && text.Split('/') is [var a, var b]
                 && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                 && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0)
            keep = n / d;
        if (!(keep > 0 && keep < 1))
            problems.Add(path, $"must be a fraction between 0 and 1 (exclusive), like 1/3 or 0.5, got {Show(node)}");
        return keep;
    }
}
