using System.Text.Json;
using System.Text.Json.Nodes;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using static SmartMixed.Client.Specs.SpecValues;

namespace SmartMixed.Client.Specs;

/// <summary>Reads the keys of a sweep spec into a <see cref="SweepSpec"/>, reporting every problem of shape and type.</summary>
internal static partial class SweepSpecReader
{
    internal static readonly string[] TopLevelKeys =
        ["name", "description", "preset", "data", "epochs", "fixed", "factors", "seeds", "baselines", "random", "random_seed", "checkpoint_seconds", "compare_to", "early_stopping"];

    private static readonly string[] RandomKeys = ["count", "seed", "ranges"];
    private static readonly string[] RangeKeys = ["min", "max", "log", "integer"];
    private const int MaxSeedCount = 10_000;

    public static SweepSpec Read(JsonNode root, string sourceName, string defaultName, ProblemList problems)
    {
        if (root is not JsonObject obj)
            throw new ConfigException("", $"{sourceName}: a sweep spec must be a mapping of keys ({string.Join(", ", TopLevelKeys)})");

        foreach (var (key, _) in obj)
            if (!TopLevelKeys.Contains(key))
                problems.Add(key, $"unknown key '{key}'{Suggest.Hint(key, TopLevelKeys)}; valid keys: {string.Join(", ", TopLevelKeys)}");

        var spec = new SweepSpec { SourceName = sourceName };
        spec.Name = ReadName(obj, defaultName, problems);
        spec.Description = ReadDescription(obj, problems);
        spec.Preset = ReadPreset(obj, problems);
        var template = SweepTemplates.Of(spec.Preset);
        ReadData(obj, spec, template, problems);
        ReadEpochs(obj, spec, problems);
        ReadFixed(obj, spec, template, problems);
        var probeBase = (JsonObject)ConfigDocument.Merge(template, spec.FixedNode);
        spec.Factors = ReadFactors(obj, probeBase, problems);
        spec.GridSize = spec.Factors.Aggregate(1L, (n, f) => SaturatingProduct(n, f.Levels.Count));
        spec.Seeds = ReadSeeds(obj, problems);
        spec.Baselines = ReadBaselines(obj, problems);
        spec.Random = ReadRandom(obj, spec, problems);
        spec.Settings = ReadSettings(obj, spec, problems);
        return spec;
    }

    private static string ReadName(JsonObject obj, string defaultName, ProblemList problems)
    {
        if (obj.TryGetPropertyValue("name", out var node))
        {
            if (AsString(node) is not { } name)
            {
                problems.Add("name", $"must be text (a sweep id), got {Show(node)}");
                return Sanitize(defaultName);
            }
            if (!SweepIds.IsValid(name))
                problems.Add("name", $"'{name}' is not a sweep id: {SweepIds.Rule}");
            return name;
        }
        var id = Sanitize(defaultName);
        if (id.Length == 0)
            problems.Add("name", $"no name given, and '{defaultName}' cannot be made into a sweep id; add name: <id>");
        return id;
    }

    /// <summary>A file name made into a sweep id: lower case, other characters replaced by '-'.</summary>
    internal static string Sanitize(string name)
    {
        var chars = name.Trim().ToLowerInvariant()
            .Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-' ? c : '-').ToArray();
        var id = new string(chars);
        while (id.Contains("--", StringComparison.Ordinal)) id = id.Replace("--", "-", StringComparison.Ordinal);
        id = id.TrimStart('.', '_', '-').TrimEnd('-');
        return id.Length > 64 ? id[..64] : id;
    }

    private static string? ReadDescription(JsonObject obj, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("description", out var node) || node is null) return null;
        if (AsString(node) is { } text) return text;
        problems.Add("description", $"must be text, got {Show(node)}");
        return null;
    }

    private static string ReadPreset(JsonObject obj, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("preset", out var node)) return "default";
        if (ResolvePreset(node, out var name, out var error)) return name;
        problems.Add("preset", error);
        return "default"; // to go on checking the rest
    }

    private static bool ResolvePreset(JsonNode? node, out string name, out string error)
    {
        name = "default";
        error = "";
        if (AsString(node) is not { } text)
        {
            error = $"must be a preset name ({string.Join(", ", Presets.Names)}), got {Show(node)}";
            return false;
        }
        try
        {
            name = Presets.Get(text).Preset;
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message + Suggest.Hint(text, Presets.Names);
            return false;
        }
    }

    private static void ReadData(JsonObject obj, SweepSpec spec, JsonObject template, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("data", out var node))
        {
            problems.Add("data", $"required: the data set to train on, e.g. data: {{ name: mnist-npm10k }}; data sets: {string.Join(", ", DatasetCatalog.Names)}");
            return;
        }
        if (node is not JsonObject given)
        {
            problems.Add("data", $"must be {RunConfigSchema.Expected(typeof(DataSpec))}, got {Show(node)}");
            return;
        }
        var data = (JsonObject)given.DeepClone();
        if (!data.ContainsKey("name"))
            problems.Add("data.name", $"required: one of {string.Join(", ", DatasetCatalog.Names)}");
        RunConfigSchema.RemoveUnknownKeys(data, typeof(DataSpec), "data", problems);
        var probe = (JsonObject)ConfigDocument.Merge(template["data"]!, data);
        var parsed = RunConfigSchema.DeserializeAll<DataSpec>(probe, (path, message) =>
        {
            problems.Add(JsonPaths.Join("data", path), message);
            JsonPaths.Remove(data, path); // reported once here; runs go on with the preset's value
        });
        spec.DataNode = data;
        if (parsed is null) return;
        spec.Data = parsed;
        foreach (var p in RunConfigValidator.Problems(Presets.Default with { Data = parsed }))
            if (p.Path.StartsWith("data", StringComparison.Ordinal)) problems.Add(p.Path, p.Message);
    }

    private static void ReadEpochs(JsonObject obj, SweepSpec spec, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("epochs", out var node))
            problems.Add("epochs", "required: the training budget of every run, a whole number of epochs ≥ 1");
        else if (!AsLong(node, out var epochs) || epochs < 1 || epochs > 1_000_000)
            problems.Add("epochs", $"must be a whole number of epochs ≥ 1, got {Show(node)}");
        else
        {
            spec.Epochs = (int)epochs;
            spec.EpochsValid = true;
        }
    }

    /// <summary>How the sweep's runs are executed (not part of any run's config or hash).</summary>
    private static SweepSettings ReadSettings(JsonObject obj, SweepSpec spec, ProblemList problems)
    {
        int seconds = SweepSettings.DefaultCheckpointSeconds;
        if (obj.TryGetPropertyValue("checkpoint_seconds", out var node))
        {
            if (AsLong(node, out var value) && value is >= 0 and <= 86_400) seconds = (int)value;
            else problems.Add("checkpoint_seconds", $"must be a whole number of seconds from 0 (after every epoch) to 86400, got {Show(node)}");
        }
        return new SweepSettings(seconds, ReadCompareTo(obj, spec.Baselines, problems), EarlyStoppingReader.Read(obj, spec, problems));
    }

    /// <summary>
    /// <c>compare_to</c>: the baselines every SmartMixed cell is compared with, declared before any result exists (so the
    /// comparison is not chosen on the test set). Each must be one of the spec's baselines.
    /// </summary>
    private static string[]? ReadCompareTo(JsonObject obj, IReadOnlyList<string> baselines, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("compare_to", out var node) || node is null) return null;
        var items = node switch
        {
            JsonArray list => list.Select((n, i) => (Node: n, Path: $"compare_to[{i}]")).ToArray(),
            JsonValue => [(node, "compare_to")],
            _ => null,
        };
        if (items is null || items.Length == 0)
        {
            problems.Add("compare_to", $"must name one or more of the spec's baselines, got {Show(node)}");
            return null;
        }
        var chosen = new List<string>();
        foreach (var (item, path) in items)
        {
            var name = AsString(item);
            var canonical = name is not null && ActivationCatalog.TryGet(name, out var activation) ? activation.Name : name?.Trim().ToLowerInvariant();
            if (canonical is null || !baselines.Contains(canonical))
                problems.Add(path, $"'{name ?? Show(item)}' is not one of the spec's baselines ({(baselines.Count == 0 ? "none" : string.Join(", ", baselines))})");
            else if (!chosen.Contains(canonical)) chosen.Add(canonical);
        }
        return chosen.ToArray();
    }

    private static void ReadFixed(JsonObject obj, SweepSpec spec, JsonObject template, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("fixed", out var node) || node is null) return;
        if (node is not JsonObject given)
        {
            problems.Add("fixed", $"must be a mapping of run-config fields (the keys of a run config file), got {Show(node)}");
            return;
        }
        var fixedNode = (JsonObject)given.DeepClone();
        foreach (var (key, message) in new[]
                 {
                     ("preset", "the base preset is the top-level preset (or a preset factor)"),
                     ("seed", "seeds are set by the top-level seeds"),
                     ("epochs", "the budget is the top-level epochs"),
                     ("fixed", "fixed activations are baselines: list them under the top-level baselines"),
                 })
        {
            if (fixedNode.Remove(key)) problems.Add($"fixed.{key}", message);
        }
        RunConfigSchema.RemoveUnknownKeys(fixedNode, typeof(RunConfig), "fixed", problems);
        var probe = (JsonObject)ConfigDocument.Merge(template, fixedNode);
        RunConfigSchema.DeserializeAll<RunConfig>(probe, (path, message) =>
        {
            problems.Add(JsonPaths.Join("fixed", path), message);
            JsonPaths.Remove(fixedNode, path); // reported once here; runs go on without it
        });
        spec.FixedNode = fixedNode;
    }

    private static List<SweepFactor> ReadFactors(JsonObject obj, JsonObject probeBase, ProblemList problems)
    {
        var factors = new List<SweepFactor>();
        if (!obj.TryGetPropertyValue("factors", out var node)) return factors;
        if (node is null || node is JsonObject { Count: 0 })
        {
            problems.Add("factors", "the grid is empty: list at least one factor with its values (or leave factors out to run the base config alone)");
            return factors;
        }
        if (node is not JsonObject given)
        {
            problems.Add("factors", $"must be a mapping of factor → list of values, got {Show(node)}");
            return factors;
        }
        var usedPaths = new Dictionary<string, string>();
        foreach (var (name, values) in given)
        {
            var factor = ReadFactor(name, values, probeBase, usedPaths, problems);
            if (factor is not null && factor.Levels.Count > 0) factors.Add(factor);
        }
        return factors;
    }

    private static SweepFactor? ReadFactor(string name, JsonNode? values, JsonObject probeBase,
        Dictionary<string, string> usedPaths, ProblemList problems)
    {
        var at = $"factors.{name}";
        (FactorKind kind, string path) = name switch
        {
            "pool" => (FactorKind.Pool, "pool"),
            "temperature" => (FactorKind.Temperature, "temperature"),
            "switch" => (FactorKind.Switch, "switch"),
            "hidden" or "architecture" => (FactorKind.Hidden, "hidden"),
            "preset" => (FactorKind.Preset, "preset"),
            _ => (FactorKind.Path, name),
        };
        if (name is "seed" or "seeds")
        {
            problems.Add(at, "seeds are not a factor: use the top-level seeds (a count or a list)");
            return null;
        }
        if (name is "fixed" or "baseline" or "baselines")
        {
            problems.Add(at, "fixed activations are baselines: list them under the top-level baselines");
            return null;
        }
        if (kind == FactorKind.Path && !RunConfigSchema.TryResolve(path, out _, out var error))
        {
            problems.Add(at, error);
            return null;
        }
        if (usedPaths.TryGetValue(path, out var other))
        {
            problems.Add(at, $"sets {path}, as factors.{other} does already; keep one of them");
            return null;
        }
        usedPaths[path] = name;
        if (values is not JsonArray list)
        {
            problems.Add(at, $"must be a list of values, e.g. {name}: [a, b]; got {Show(values)}");
            return null;
        }
        if (list.Count == 0)
        {
            problems.Add(at, "the list of values is empty");
            return null;
        }

        var levels = new List<FactorLevel>();
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < list.Count; i++)
        {
            var vat = $"{at}[{i}]";
            var level = kind switch
            {
                FactorKind.Pool => PoolLevel(i, list[i], vat, problems),
                FactorKind.Temperature => TemperatureLevel(i, list[i], vat, problems),
                FactorKind.Switch => SwitchLevel(i, list[i], vat, problems),
                FactorKind.Hidden => HiddenLevel(i, list[i], vat, problems),
                FactorKind.Preset => PresetLevel(i, list[i], vat, problems),
                _ => new FactorLevel(i, Label(list[i]), JsonPaths.Nest(path, list[i])),
            };
            if (level is null) continue;
            if (kind != FactorKind.Preset)
            {
                // Read this value over the base alone: a value of the wrong type or with unknown keys is reported once
                // here (not once per run) and left out of the grid.
                var probe = (JsonObject)ConfigDocument.Merge(probeBase, level.Overlay);
                bool mapping = list[i] is JsonObject;
                var config = RunConfigSchema.DeserializeAll<RunConfig>(probe,
                    (p, m) => problems.Add(vat, Describes(p, path, mapping) ? m : $"{p}: {m}"));
                if (config is null) continue;
                level = level with { Label = ResolvedLabel(kind, level, list[i], config), Mapping = mapping };
            }
            var identity = level.Preset ?? level.Overlay.ToJsonString();
            if (seen.TryGetValue(identity, out var first))
            {
                problems.Add(vat, $"repeats the value of {at}[{first}]");
                continue;
            }
            seen[identity] = i;
            levels.Add(level);
        }
        // Labels name values in tables: make them unique within the factor.
        var clashing = levels.GroupBy(l => l.Label).Where(g => g.Count() > 1).SelectMany(g => g).Select(l => l.Index).ToHashSet();
        for (int j = 0; j < levels.Count; j++)
            if (clashing.Contains(levels[j].Index))
                levels[j] = levels[j] with { Label = Show(list[levels[j].Index]) };
        return new SweepFactor(name, path, kind, levels);
    }

    /// <summary>
    /// Whether a problem at <paramref name="runPath"/> is plainly about the factor at <paramref name="factorPath"/> (so its
    /// message needs no field name): the factor's own field or inside it, unless the value was a mapping of several fields.
    /// </summary>
    internal static bool Describes(string runPath, string factorPath, bool mapping) =>
        runPath == factorPath || (!mapping && Within(runPath, factorPath));

    internal static bool Within(string runPath, string factorPath) =>
        runPath == factorPath
        || runPath.StartsWith(factorPath + ".", StringComparison.Ordinal)
        || runPath.StartsWith(factorPath + "[", StringComparison.Ordinal);

    private static FactorLevel? PoolLevel(int i, JsonNode? value, string at, ProblemList problems)
    {
        var named = string.Join(", ", CandidatePool.Named.Keys);
        if (AsString(value) is { } text)
        {
            if (CandidatePool.Named.TryGetValue(text.Trim(), out var members))
                return new FactorLevel(i, text.Trim().ToLowerInvariant(),
                    new JsonObject { ["pool"] = new JsonArray(members.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()) });
            problems.Add(at, ActivationCatalog.TryGet(text, out var a)
                ? $"'{text}' is an activation, not a named pool: a pool of one activation is written [{a.Name}]; named pools: {named}"
                : $"unknown named pool '{text}'{Suggest.Hint(text, CandidatePool.Named.Keys)}; named pools: {named}; or list activations, e.g. [relu, tanh]");
            return null;
        }
        if (value is JsonArray list)
        {
            var names = new List<string>();
            foreach (var element in list)
            {
                if (AsString(element) is not { } member)
                {
                    problems.Add(at, $"a pool lists activation names; {Show(element)} is not one");
                    return null;
                }
                names.Add(ActivationCatalog.TryGet(member, out var a) ? a.Name : member.Trim());
            }
            return new FactorLevel(i, string.Join(",", names),
                new JsonObject { ["pool"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()) });
        }
        problems.Add(at, $"must be a named pool ({named}) or a list of activation names, got {Show(value)}");
        return null;
    }

    private static FactorLevel? TemperatureLevel(int i, JsonNode? value, string at, ProblemList problems)
    {
        if (AsDouble(value, out var tau))
            return new FactorLevel(i, Format(tau), new JsonObject
            {
                ["temperature"] = new JsonObject { ["schedule"] = "constant", ["start"] = tau, ["floor"] = tau },
            });
        if (value is JsonObject mapping)
            return new FactorLevel(i, "", new JsonObject { ["temperature"] = mapping.DeepClone() });
        problems.Add(at, $"must be a number (a constant τ) or a mapping of temperature fields ({string.Join(", ", RunConfigSchema.Keys(typeof(TemperatureSpec)))}), got {Show(value)}");
        return null;
    }

    private static FactorLevel? SwitchLevel(int i, JsonNode? value, string at, ProblemList problems)
    {
        if (AsLong(value, out var epoch))
            return new FactorLevel(i, Format(epoch), new JsonObject
            {
                ["switch"] = new JsonObject { ["rule"] = "epoch", ["epoch"] = epoch },
            });
        if (AsString(value) is { } text && text.Trim().Equals("settled", StringComparison.OrdinalIgnoreCase))
            return new FactorLevel(i, "settled", new JsonObject { ["switch"] = new JsonObject { ["rule"] = "settled" } });
        if (value is JsonObject mapping)
            return new FactorLevel(i, "", new JsonObject { ["switch"] = mapping.DeepClone() });
        problems.Add(at, $"must be an epoch (a whole number), 'settled', or a mapping of switch fields ({string.Join(", ", RunConfigSchema.Keys(typeof(PhaseSwitchSpec)))}), got {Show(value)}");
        return null;
    }

    private static FactorLevel? HiddenLevel(int i, JsonNode? value, string at, ProblemList problems)
    {
        var widths = new List<long>();
        if (AsString(value) is { } text)
        {
            foreach (var part in text.Split('-'))
            {
                if (!long.TryParse(part.Trim(), out var w))
                {
                    problems.Add(at, $"'{text}' is not an architecture: write layer widths joined by '-', e.g. \"256-128\", or a list [256, 128]");
                    return null;
                }
                widths.Add(w);
            }
        }
        else if (value is JsonArray list)
        {
            foreach (var element in list)
            {
                if (!AsLong(element, out var w))
                {
                    problems.Add(at, $"an architecture lists layer widths (whole numbers); {Show(element)} is not one");
                    return null;
                }
                widths.Add(w);
            }
        }
        else
        {
            problems.Add(at, AsLong(value, out var n)
                ? $"the values are architectures: write [{n}] for one hidden layer of {n}, e.g. hidden: [[128, 64], [{n}]]"
                : $"must be an architecture: a list of layer widths [256, 128] or \"256-128\", got {Show(value)}");
            return null;
        }
        if (widths.Count == 0)
        {
            problems.Add(at, "an architecture needs at least one hidden layer");
            return null;
        }
        return new FactorLevel(i, string.Join("-", widths),
            new JsonObject { ["hidden"] = new JsonArray(widths.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()) });
    }

    private static FactorLevel? PresetLevel(int i, JsonNode? value, string at, ProblemList problems)
    {
        if (ResolvePreset(value, out var name, out var error)) return new FactorLevel(i, name, new JsonObject(), name);
        problems.Add(at, error);
        return null;
    }

    /// <summary>Labels of mapping values, from the values they resolve to (e.g. <c>exponential(1→0.1)</c>).</summary>
    private static string ResolvedLabel(FactorKind kind, FactorLevel level, JsonNode? written, RunConfig config)
    {
        if (written is not JsonObject mapping) return level.Label;
        switch (kind)
        {
            case FactorKind.Temperature:
            {
                var t = config.Temperature;
                return t.Schedule == ScheduleKind.Constant
                    ? Format(t.Start)
                    : $"{Snake(t.Schedule)}({Format(t.Start)}→{Format(t.Floor)})";
            }
            case FactorKind.Switch:
            {
                var s = config.Switch;
                if (s.Rule == SwitchRule.Epoch) return Format(s.Epoch);
                var given = new[] { "epsilon", "patience", "latest_epoch" }.Where(mapping.ContainsKey)
                    .Select(k => $"{k}={Label(mapping[k])}").ToArray();
                return given.Length == 0 ? "settled" : $"settled({string.Join(",", given)})";
            }
            default:
                return level.Label;
        }
    }

    private static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static IReadOnlyList<int> ReadSeeds(JsonObject obj, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("seeds", out var node)) return [1];
        if (AsLong(node, out var count))
        {
            if (count < 1) problems.Add("seeds", $"a count of seeds must be at least 1, got {count}");
            else if (count > MaxSeedCount) problems.Add("seeds", $"a count of seeds must be at most {MaxSeedCount}, got {count}");
            else return Enumerable.Range(1, (int)count).ToArray();
            return [1];
        }
        if (node is not JsonArray list)
        {
            problems.Add("seeds", $"must be a count (seeds 1..N) or a list of seeds, got {Show(node)}");
            return [1];
        }
        if (list.Count == 0) problems.Add("seeds", "the list of seeds is empty");
        var seeds = new List<int>();
        for (int i = 0; i < list.Count; i++)
        {
            if (!AsLong(list[i], out var seed) || seed > int.MaxValue)
                problems.Add($"seeds[{i}]", $"a seed is a whole number, got {Show(list[i])}");
            else if (seed < 0)
                problems.Add($"seeds[{i}]", $"a seed must be zero or positive, got {seed}");
            else if (seeds.Contains((int)seed))
                problems.Add($"seeds[{i}]", $"seed {seed} appears twice");
            else seeds.Add((int)seed);
        }
        return seeds.Count > 0 ? seeds : [1];
    }

    /// <summary>Baseline kinds besides fixed activations (they use each cell's pool; see <see cref="BaselineKind"/>).</summary>
    internal static readonly string[] BaselineKinds = ["random", "shuffled", "soft"];

    /// <summary>
    /// <c>baselines</c>: fixed activations (by canonical name) and the kinds <c>random</c>, <c>shuffled</c>, <c>soft</c>,
    /// each beside every cell with the same budget and seeds.
    /// </summary>
    private static IReadOnlyList<string> ReadBaselines(JsonObject obj, ProblemList problems)
    {
        if (!obj.TryGetPropertyValue("baselines", out var node) || node is null) return [];
        var items = node switch
        {
            JsonArray list => list.Select((n, i) => (Node: n, Path: $"baselines[{i}]")).ToArray(),
            JsonValue => [(node, "baselines")],
            _ => null,
        };
        if (items is null)
        {
            problems.Add("baselines", $"must be a list of activation names or baseline kinds ({string.Join(", ", BaselineKinds)}), got {Show(node)}");
            return [];
        }
        var baselines = new List<string>();
        foreach (var (item, path) in items)
        {
            string? chosen = null;
            if (AsString(item) is not { } name)
                problems.Add(path, $"must be an activation name or a baseline kind ({string.Join(", ", BaselineKinds)}), got {Show(item)}");
            else if (BaselineKinds.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } kind)
                chosen = kind;
            else if (!ActivationCatalog.TryGet(name, out var activation))
                problems.Add(path, ActivationCatalog.UnknownMessage(name) + $"; or a baseline kind: {string.Join(", ", BaselineKinds)}" +
                                   Suggest.Hint(name, ActivationCatalog.Names.Concat(BaselineKinds)));
            else chosen = activation.Name;
            if (chosen is null) continue;
            if (baselines.Contains(chosen)) problems.Add(path, $"the baseline '{chosen}' appears twice");
            else baselines.Add(chosen);
        }
        return baselines;
    }

    private static SweepRandom? ReadRandom(JsonObject obj, SweepSpec spec, ProblemList problems)
    {
        long? topSeed = null;
        if (obj.TryGetPropertyValue("random_seed", out var seedNode))
        {
            if (AsLong(seedNode, out var s)) topSeed = s;
            else problems.Add("random_seed", $"must be a whole number, got {Show(seedNode)}");
        }
        if (!obj.TryGetPropertyValue("random", out var node) || node is null)
        {
            if (seedNode is not null) problems.Add("random_seed", "is only used with random: N");
            return null;
        }

        long count;
        long seed = topSeed ?? 0;
        var ranges = new List<SweepRange>();
        bool valid = true;
        if (AsLong(node, out count))
            spec.RandomCountPath = "random";
        else if (node is JsonObject mapping)
        {
            spec.RandomCountPath = "random.count";
            foreach (var (key, _) in mapping)
                if (!RandomKeys.Contains(key))
                {
                    problems.Add($"random.{key}", $"unknown key '{key}'{Suggest.Hint(key, RandomKeys)}; valid keys: {string.Join(", ", RandomKeys)}");
                    valid = false;
                }
            if (!mapping.TryGetPropertyValue("count", out var countNode))
            {
                problems.Add("random.count", "required: how many points to sample");
                valid = false;
            }
            else if (!AsLong(countNode, out count))
            {
                problems.Add("random.count", $"must be a whole number, got {Show(countNode)}");
                valid = false;
            }
            if (mapping.TryGetPropertyValue("seed", out var s))
            {
                if (!AsLong(s, out seed))
                {
                    problems.Add("random.seed", $"must be a whole number, got {Show(s)}");
                    valid = false;
                }
                if (topSeed is not null) problems.Add("random_seed", "give the seed once: random.seed or random_seed");
            }
            if (mapping.TryGetPropertyValue("ranges", out var rangesNode) && rangesNode is not null)
            {
                if (rangesNode is JsonObject rangeMap)
                    foreach (var (path, def) in rangeMap)
                    {
                        var range = ReadRange(path, def, spec, problems);
                        if (range is null) valid = false;
                        else ranges.Add(range);
                    }
                else
                {
                    problems.Add("random.ranges", $"must be a mapping of run-config path → {{min, max, log, integer}}, got {Show(rangesNode)}");
                    valid = false;
                }
            }
        }
        else
        {
            problems.Add("random", $"must be a count of points, or a mapping {{count, seed, ranges}}, got {Show(node)}");
            return null;
        }

        var countPath = spec.RandomCountPath;
        bool countRead = !problems.All.Any(p => p.Path == countPath);
        if (countRead && count < 1)
        {
            problems.Add(countPath, $"must be at least 1, got {count}");
            valid = false;
        }
        else if (countRead && count > SweepSpec.MaxRuns)
        {
            problems.Add(countPath, $"must be at most {SweepSpec.MaxRuns}, got {count}");
            valid = false;
        }
        if (valid && ranges.All(r => r.Integer))
        {
            // Finite space: the grid times every whole-number range.
            var space = ranges.Aggregate(spec.GridSize,
                (n, r) => SaturatingProduct(n, (long)Math.Min(Math.Floor(r.Max) - Math.Ceiling(r.Min) + 1, long.MaxValue / 2.0)));
            if (count > space)
            {
                problems.Add(countPath, ranges.Count == 0
                    ? $"asks for {count} distinct grid points, but the grid has only {space}"
                    : $"asks for {count} distinct points, but the grid and the whole-number ranges hold only {space}");
                valid = false;
            }
        }
        return valid ? new SweepRandom((int)count, seed, ranges) : null;
    }

    private static SweepRange? ReadRange(string path, JsonNode? def, SweepSpec spec, ProblemList problems)
    {
        var at = $"random.ranges.{path}";
        if (!RunConfigSchema.TryResolve(path, out var type, out var error))
        {
            problems.Add(at, error);
            return null;
        }
        if (!RunConfigSchema.IsNumber(type))
        {
            problems.Add(at, $"{path} takes {RunConfigSchema.Expected(type)}; a range draws numbers");
            return null;
        }
        if (path is "seed" or "epochs")
        {
            problems.Add(at, path == "seed" ? "seeds are set by the top-level seeds" : "the budget is the top-level epochs");
            return null;
        }
        if (spec.Factors.FirstOrDefault(f => f.Path == path) is { } factor)
        {
            problems.Add(at, $"{path} is also the grid factor factors.{factor.Name}; vary it one way");
            return null;
        }
        if (def is not JsonObject mapping)
        {
            problems.Add(at, $"must be a mapping {{min, max, log, integer}}, got {Show(def)}");
            return null;
        }
        bool ok = true;
        foreach (var (key, _) in mapping)
            if (!RangeKeys.Contains(key))
            {
                problems.Add($"{at}.{key}", $"unknown key '{key}'{Suggest.Hint(key, RangeKeys)}; valid keys: {string.Join(", ", RangeKeys)}");
                ok = false;
            }
        double Number(string key)
        {
            if (!mapping.TryGetPropertyValue(key, out var n)) problems.Add($"{at}.{key}", "required: a number");
            else if (AsDouble(n, out var d)) return d;
            else problems.Add($"{at}.{key}", $"must be a number, got {Show(n)}");
            ok = false;
            return double.NaN;
        }
        bool Flag(string key, bool fallback)
        {
            if (!mapping.TryGetPropertyValue(key, out var n)) return fallback;
            if (AsBool(n, out var b)) return b;
            problems.Add($"{at}.{key}", $"must be true or false, got {Show(n)}");
            ok = false;
            return fallback;
        }
        var min = Number("min");
        var max = Number("max");
        var log = Flag("log", false);
        var wholeNumbers = RunConfigSchema.IsInteger(type);
        var integer = Flag("integer", wholeNumbers);
        if (wholeNumbers && !integer)
        {
            problems.Add($"{at}.integer", $"{path} takes whole numbers; leave integer out or set it to true");
            ok = false;
        }
        if (!ok) return null;
        if (min > max)
            problems.Add($"{at}.min", $"min {Format(min)} is above max {Format(max)}");
        else if (log && !(min > 0))
            problems.Add($"{at}.min", $"a log-uniform range needs min > 0, got {Format(min)}");
        else if (integer && Math.Ceiling(min) > Math.Floor(max))
            problems.Add($"{at}.min", $"no whole number lies between min {Format(min)} and max {Format(max)}");
        else return new SweepRange(path, min, max, log, integer);
        return null;
    }

    internal static long SaturatingProduct(long a, long b)
    {
        if (a <= 0 || b <= 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }
}

/// <summary>The presets as JSON trees in the run-config form (the base of every run).</summary>
internal static class SweepTemplates
{
    private static readonly Dictionary<string, string> Json = Presets.Names.ToDictionary(
        n => n,
        n => RunConfigJson.Serialize(Presets.Get(n)));

    /// <summary>A fresh copy of the preset's tree.</summary>
    public static JsonObject Of(string preset) => (JsonObject)JsonNode.Parse(Json[preset])!;
}
