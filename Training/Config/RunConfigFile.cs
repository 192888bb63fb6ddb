using System.Text.Json.Nodes;

namespace SmartMixed.Training.Config;

/// <summary>
/// Reads a run config from YAML or JSON. A file may name a <c>preset</c>; its other keys override that preset's values.
/// Every problem of the file (syntax, unknown keys, values of the wrong kind) is reported at once, each at its path.
/// </summary>
public static class RunConfigFile
{
    public static RunConfig Load(string path) => FromNode(ConfigDocument.Load(path));

    public static RunConfig FromNode(JsonNode node, string at = "")
    {
        if (node is not JsonObject obj) throw new ConfigException(at, "a run config must be a mapping of keys to values");
        var problems = new List<ConfigProblem>();
        var preset = Presets.Default;
        if (obj.TryGetPropertyValue("preset", out var presetNode))
        {
            if (presetNode is JsonValue v && v.TryGetValue<string>(out var name) && Presets.Names.Contains(name.Trim().ToLowerInvariant()))
                preset = Presets.Get(name);
            else
                problems.Add(new ConfigProblem(Join(at, "preset"),
                    $"must be a preset name ({string.Join(", ", Presets.Names)}), got {ConfigReader.Show(presetNode)}" +
                    (presetNode is JsonValue t && t.TryGetValue<string>(out var text) ? Spelling.Hint(text, Presets.Names) : "")));
        }
        var merged = ConfigDocument.Merge(JsonNode.Parse(RunConfigJson.Serialize(preset))!, obj);
        merged["preset"] = preset.Preset;
        problems.AddRange(ConfigReader.Problems(merged, typeof(RunConfig), at));
        if (problems.Count > 0) throw new ConfigException(problems);
        return ConfigDocument.Deserialize<RunConfig>(merged, at);
    }

    private static string Join(string at, string path) => string.IsNullOrEmpty(at) ? path : $"{at}.{path}";
}
