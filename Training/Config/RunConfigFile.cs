using System.Text.Json.Nodes;

namespace SmartMixed.Training.Config;

/// <summary>
/// Reads a run config from YAML or JSON. A file may name a <c>preset</c>; its other keys override that preset's values.
/// </summary>
public static class RunConfigFile
{
    public static RunConfig Load(string path) => FromNode(ConfigDocument.Load(path));

    public static RunConfig FromNode(JsonNode node, string at = "")
    {
        if (node is not JsonObject obj) throw new ConfigException(at, "a run config must be a mapping of keys to values");
        var presetName = obj["preset"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "default";
        RunConfig preset;
        try { preset = Presets.Get(presetName); }
        catch (ArgumentException e) { throw new ConfigException(Join(at, "preset"), e.Message); }
        var merged = ConfigDocument.Merge(JsonNode.Parse(RunConfigJson.Serialize(preset))!, obj);
        merged["preset"] = preset.Preset;
        return ConfigDocument.Deserialize<RunConfig>(merged, at);
    }

    private static string Join(string at, string path) => string.IsNullOrEmpty(at) ? path : $"{at}.{path}";
}
