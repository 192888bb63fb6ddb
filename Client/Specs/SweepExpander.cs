using System.Text.Json.Nodes;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using static SmartMixed.Client.Specs.SpecValues;

namespace SmartMixed.Client.Specs;

/// <summary>
/// Expands a read spec into runs: builds each run's config layer by layer, reads and validates it, and reports each
/// problem at the spec path of the layer that wrote the offending value.
/// </summary>
internal static class SweepExpander
{
    /// <summary>Budget used to check runs when <c>epochs</c> itself is invalid, so no check against the budget fires.</summary>
    private const int StandInEpochs = 1_000_000;

    /// <summary>One source of values of a run config, in application order.</summary>
    /// <param name="MirrorRoot">For <c>fixed</c> ("") and <c>data</c> ("data"): the spec mirrors the run config below this
    /// path, so a problem maps to the same path under <paramref name="SpecPath"/>.</param>
    /// <param name="OwnPath">The run-config path the layer is about; problems elsewhere get that path in their message.</param>
    private sealed record Layer(JsonObject Overlay, string SpecPath, string? MirrorRoot, string OwnPath, string? PresetName = null, bool Mapping = false);

    private sealed record Point(int[] Levels, (SweepRange Range, JsonNode Value, string Label)[] Draws);

    public static SweepPlan Expand(SweepSpec spec, ProblemList problems)
    {
        var runs = new List<PlannedRun>();
        var hashes = new HashSet<string>();
        foreach (var point in Points(spec, problems))
            ExpandPoint(spec, point, runs, hashes, problems);
        return new SweepPlan(spec.Name, spec.Description, runs) { Settings = spec.Settings };
    }

    private static IEnumerable<Point> Points(SweepSpec spec, ProblemList problems)
    {
        var factors = spec.Factors;
        long perPoint = (long)spec.Seeds.Count * (1 + spec.Baselines.Count);
        if (spec.Random is not { } random)
        {
            long total = SweepSpecReader.SaturatingProduct(spec.GridSize, perPoint);
            if (total > SweepSpec.MaxRuns)
            {
                problems.Add("factors", $"the grid has {spec.GridSize} points; with {spec.Seeds.Count} seed(s) and {spec.Baselines.Count} baseline(s) " +
                                        $"that is {(total == long.MaxValue ? "too many" : total.ToString())} runs, more than {SweepSpec.MaxRuns}; sample it with random: N");
                return [];
            }
            return LongRange(spec.GridSize).Select(i => new Point(Decode(i, factors), []));
        }
        if (SweepSpecReader.SaturatingProduct(random.Count, perPoint) > SweepSpec.MaxRuns)
        {
            problems.Add(spec.RandomCountPath, $"{random.Count} points × {spec.Seeds.Count} seed(s) × (1 + {spec.Baselines.Count} baseline(s)) is more than {SweepSpec.MaxRuns} runs");
            return [];
        }
        var rng = new SpecRandom(random.Seed);
        if (random.Ranges.Count == 0)
        {
            // Floyd's algorithm: Count distinct indices of the grid, then in grid order.
            var chosen = new HashSet<long>();
            for (long j = spec.GridSize - random.Count; j < spec.GridSize; j++)
                if (!chosen.Add(rng.NextLong(j + 1))) chosen.Add(j);
            return chosen.Order().Select(i => new Point(Decode(i, factors), [])).ToArray();
        }
        var points = new List<Point>();
        var keys = new HashSet<string>();
        long attempts = 1000 + 100L * random.Count;
        for (long a = 0; a < attempts && points.Count < random.Count; a++)
        {
            var levels = factors.Select(f => (int)rng.NextLong(f.Levels.Count)).ToArray();
            var draws = random.Ranges.Select(r => Draw(r, rng)).ToArray();
            if (keys.Add(string.Join("|", levels) + "|" + string.Join("|", draws.Select(d => d.Label))))
                points.Add(new Point(levels, draws));
        }
        if (points.Count < random.Count)
            problems.Add(spec.RandomCountPath, $"found only {points.Count} distinct points in {attempts} draws; ask for fewer");
        return points;
    }

    private static IEnumerable<long> LongRange(long count)
    {
        for (long i = 0; i < count; i++) yield return i;
    }

    /// <summary>Grid index → one value per factor; the first factor varies slowest.</summary>
    private static int[] Decode(long index, IReadOnlyList<SweepFactor> factors)
    {
        var levels = new int[factors.Count];
        for (int f = factors.Count - 1; f >= 0; f--)
        {
            levels[f] = (int)(index % factors[f].Levels.Count);
            index /= factors[f].Levels.Count;
        }
        return levels;
    }

    /// <summary>One value of a range: uniform or log-uniform, kept to 4 significant digits (so labels equal values).</summary>
    private static (SweepRange Range, JsonNode Value, string Label) Draw(SweepRange r, SpecRandom rng)
    {
        if (r.Integer)
        {
            long lo = (long)Math.Ceiling(r.Min), hi = (long)Math.Floor(r.Max);
            long v = r.Log
                ? Math.Clamp((long)Math.Floor(Math.Exp(Math.Log(lo) + rng.NextDouble() * (Math.Log(hi + 1.0) - Math.Log(lo)))), lo, hi)
                : lo + rng.NextLong(hi - lo + 1);
            return (r, JsonValue.Create(v), Format(v));
        }
        double u = rng.NextDouble();
        double x = r.Log ? Math.Exp(Math.Log(r.Min) + u * (Math.Log(r.Max) - Math.Log(r.Min))) : r.Min + u * (r.Max - r.Min);
        x = Math.Clamp(RoundSignificant(x), r.Min, r.Max);
        return (r, JsonValue.Create(x), Format(x));
    }

    private static double RoundSignificant(double x) =>
        x == 0 ? 0 : double.Parse(x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static void ExpandPoint(SweepSpec spec, Point point, List<PlannedRun> runs, HashSet<string> hashes, ProblemList problems)
    {
        var factors = spec.Factors;
        var presetIndex = factors.ToList().FindIndex(f => f.Kind == FactorKind.Preset);
        var presetLevel = presetIndex >= 0 ? factors[presetIndex].Levels[point.Levels[presetIndex]] : null;
        var presetName = presetLevel?.Preset ?? spec.Preset;

        var layers = new List<Layer>
        {
            new(SweepTemplates.Of(presetName),
                presetLevel is null ? "preset" : $"factors.{factors[presetIndex].Name}[{presetLevel.Index}]", null, "preset", presetName),
        };
        if (spec.DataNode is { } data) layers.Add(new Layer(new JsonObject { ["data"] = data.DeepClone() }, "data", "data", "data"));
        layers.Add(new Layer(new JsonObject { ["epochs"] = spec.EpochsValid ? spec.Epochs : StandInEpochs }, "epochs", null, "epochs"));
        if (spec.FixedNode.Count > 0) layers.Add(new Layer(spec.FixedNode, "fixed", "", ""));
        var labels = new List<FactorValue>();
        for (int f = 0; f < factors.Count; f++)
        {
            var level = factors[f].Levels[point.Levels[f]];
            labels.Add(new FactorValue(factors[f].Name, level.Label));
            if (factors[f].Kind != FactorKind.Preset)
                layers.Add(new Layer(level.Overlay, $"factors.{factors[f].Name}[{level.Index}]", null, factors[f].Path, Mapping: level.Mapping));
        }
        foreach (var (range, value, label) in point.Draws)
        {
            labels.Add(new FactorValue(range.Path, label));
            layers.Add(new Layer(JsonPaths.Nest(range.Path, value), $"random.ranges.{range.Path}", null, range.Path));
        }

        var smartMixed = AddRuns(spec, layers, labels, null, runs, hashes, problems);

        for (int b = 0; b < spec.Baselines.Count; b++)
        {
            var baseline = spec.Baselines[b];
            var at = $"baselines[{b}]";
            if (baseline == "shuffled")
            {
                // Each seed's run places the layer shares the SmartMixed run of the same seed learned on random neurons:
                // it needs that run's result, so its shard starts it after its source.
                foreach (var (seed, source) in smartMixed)
                {
                    var shuffled = new List<Layer>(layers)
                    {
                        new(new JsonObject { ["baseline"] = "shuffled", ["shuffled_from"] = source }, at, null, "baseline"),
                    };
                    AddRuns(spec, shuffled, labels, baseline, runs, hashes, problems, onlySeed: seed);
                }
                continue;
            }
            // A fixed activation uses no selection setting, so cells that differ only in them share one baseline run;
            // random and soft use the pool (soft also the logit init of its selection settings).
            string[] kept = baseline switch { "random" => ["pool"], "soft" => ["pool", "selection"], _ => [] };
            var stripped = layers.Select((l, i) => i == 0 ? l : l with { Overlay = WithoutSelection(l.Overlay, kept) }).ToList();
            var overlay = BaselineKinds(baseline) ? new JsonObject { ["baseline"] = baseline } : new JsonObject { ["fixed"] = baseline };
            stripped.Add(new(overlay, at, null, BaselineKinds(baseline) ? "baseline" : "fixed"));
            var baselineLabels = labels.Select(l => new FactorValue(l.Name, KeepsLabel(spec, l.Name, kept) ? l.Value : "-")).ToList();
            AddRuns(spec, stripped, baselineLabels, baseline, runs, hashes, problems);
        }
    }

    private static bool BaselineKinds(string baseline) => SweepSpecReader.BaselineKinds.Contains(baseline);

    /// <summary>Whether a baseline keeps a factor's label: factors of settings it uses (all but the selection-only ones it ignores).</summary>
    private static bool KeepsLabel(SweepSpec spec, string factor, string[] kept)
    {
        var path = spec.Factors.FirstOrDefault(f => f.Name == factor)?.Path ?? factor;
        return !SweepFactor.SelectionOnlyPath(path) || kept.Contains(path.Split('.')[0]);
    }

    private static JsonObject WithoutSelection(JsonObject overlay, string[] kept)
    {
        var removed = RunConfigKeys.SelectionOnlyFields.Where(f => !kept.Contains(f)).ToList();
        if (!removed.Any(overlay.ContainsKey)) return overlay;
        var copy = (JsonObject)overlay.DeepClone();
        foreach (var key in removed) copy.Remove(key);
        return copy;
    }

    /// <summary>Builds, reads and checks one cell (the seed is not part of any check), then adds one run per seed.</summary>
    /// <returns>Each seed's run hash (also of a run already planned by another point).</returns>
    private static List<(int Seed, string Hash)> AddRuns(SweepSpec spec, List<Layer> layers, IReadOnlyList<FactorValue> labels, string? baseline,
        List<PlannedRun> runs, HashSet<string> hashes, ProblemList problems, int? onlySeed = null)
    {
        JsonNode merged = layers[0].Overlay.DeepClone();
        for (int i = 1; i < layers.Count; i++) merged = ConfigDocument.Merge(merged, layers[i].Overlay);

        void Report(string path, string message)
        {
            var (at, text) = Attribute(layers, path, message);
            problems.Add(at, text);
        }

        var added = new List<(int Seed, string Hash)>();
        var cell = RunConfigSchema.DeserializeAll<RunConfig>((JsonObject)merged, Report);
        if (cell is null) return added;
        IReadOnlyList<ConfigProblem> found;
        try
        {
            found = RunConfigValidator.Problems(cell);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException)
        {
            problems.Add("", $"a run could not be checked: {e.Message}");
            return added;
        }
        foreach (var p in found) Report(p.Path, p.Message);
        if (found.Count > 0) return added;

        var cellKey = RunConfigKeys.Cell(cell);
        foreach (var seed in onlySeed is { } only ? [only] : spec.Seeds)
        {
            var config = cell with { Seed = seed };
            var hash = RunConfigHash.Of(config);
            added.Add((seed, hash));
            if (!hashes.Add(hash)) continue; // the same run again: the first occurrence stands
            FactorValue[] factors = baseline is null
                ? [.. labels, new FactorValue("seed", Format(seed))]
                : [.. labels, new FactorValue("seed", Format(seed)), new FactorValue(BaselineKinds(baseline) ? "baseline" : "fixed", baseline)];
            runs.Add(new PlannedRun(config, hash, cellKey, baseline is not null, factors));
        }
        return added;
    }

    /// <summary>The spec path (and message) for a problem at a run-config path: the last layer that wrote that value.</summary>
    private static (string Path, string Message) Attribute(IReadOnlyList<Layer> layers, string runPath, string message)
    {
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            if (!JsonPaths.Touches(layer.Overlay, runPath)) continue;
            if (layer.MirrorRoot is { } root)
                return (root.Length == 0 ? JsonPaths.Join(layer.SpecPath, runPath) : layer.SpecPath + runPath[root.Length..], message);
            if (SweepSpecReader.Describes(runPath, layer.OwnPath, layer.Mapping)) return (layer.SpecPath, message);
            var field = layer.PresetName is { } preset ? $"{runPath} (from preset '{preset}')" : runPath;
            return (layer.SpecPath, $"{field}: {message}");
        }
        return (runPath, message);
    }
}
