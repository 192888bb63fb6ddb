using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartMixed.Training.Config;

/// <summary>The one JSON form of run configs: snake_case keys and enum values, unknown keys rejected.</summary>
public static class RunConfigJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            WriteIndented = indented,
            AllowTrailingCommas = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(RunConfig config, bool indented = false) =>
        JsonSerializer.Serialize(config, indented ? Indented : Options);

    public static RunConfig Deserialize(string json) =>
        JsonSerializer.Deserialize<RunConfig>(json, Options) ?? throw new JsonException("the config is empty (null)");
}
