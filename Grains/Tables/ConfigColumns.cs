using System.Text.Json;
using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// What the tables read from a run's config JSON, in one pass: its settings as dotted paths in field order (objects
/// become paths; arrays of numbers are joined with '-' as in <c>hidden: 512-256</c>, other arrays with ','), the number
/// of hidden layers, and the functions its selections use (the pool, or the fixed activation of a baseline).
/// </summary>
public sealed record ConfigColumns(IReadOnlyList<KeyValuePair<string, object?>> Settings, int Layers, IReadOnlyList<string> Functions)
{
    /// <summary>Settings with their own column in runs.csv, left out of the config.* columns.</summary>
    private static readonly HashSet<string> OwnColumns = new(StringComparer.Ordinal) { "seed" };

    public static ConfigColumns Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("a run config must be a JSON object");
        var settings = new List<KeyValuePair<string, object?>>();
        foreach (var property in root.EnumerateObject())
            if (!OwnColumns.Contains(property.Name)) Walk(property.Value, property.Name, settings);
        int layers = root.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.Array ? h.GetArrayLength() : 0;
        IReadOnlyList<string> functions = root.TryGetProperty("fixed", out var f) && f.ValueKind == JsonValueKind.String
            ? [f.GetString()!]
            : root.TryGetProperty("pool", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        return new ConfigColumns(settings, layers, functions);
    }

    private static void Walk(JsonElement element, string path, List<KeyValuePair<string, object?>> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject()) Walk(property.Value, path + "." + property.Name, into);
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
