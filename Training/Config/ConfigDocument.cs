using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartMixed.Training.Config;

/// <summary>
/// Config files and specs as JSON trees, whether written in YAML or JSON, so both forms go through one strict
/// deserializer with one set of error paths.
/// </summary>
public static class ConfigDocument
{
    public static JsonNode Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException("", $"file not found: {path}");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Parses YAML (a superset of JSON); plain scalars become numbers, booleans or null where they look so.</summary>
    public static JsonNode Parse(string text, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException("", $"{sourceName}: line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0) throw new ConfigException("", $"{sourceName} is empty");
        if (stream.Documents.Count > 1) throw new ConfigException("", $"{sourceName} holds {stream.Documents.Count} YAML documents; one is expected");
        return Convert(stream.Documents[0].RootNode) ?? throw new ConfigException("", $"{sourceName} is empty");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new ConfigException("", $"unsupported YAML node at line {node.Start.Line}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                       ?? throw new ConfigException("", $"line {key.Start.Line}: a key must be a plain name");
            if (obj.ContainsKey(name)) throw new ConfigException(name, $"line {key.Start.Line}: the key '{name}' appears twice");
            obj[name] = Convert(value);
        }
        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    /// <summary>A copy of <paramref name="baseNode"/> with <paramref name="overlay"/>'s keys written over it, objects merged deeply.</summary>
    public static JsonNode Merge(JsonNode baseNode, JsonNode? overlay)
    {
        var result = baseNode.DeepClone();
        if (overlay is not JsonObject overlayObject || result is not JsonObject resultObject) return overlay?.DeepClone() ?? result;
        foreach (var (key, value) in overlayObject)
        {
            var target = FindKey(resultObject, key);
            if (value is JsonObject && target is not null && resultObject[target] is JsonObject existing)
                resultObject[target] = Merge(existing, value);
            else
            {
                if (target is not null) resultObject.Remove(target);
                resultObject[key] = value?.DeepClone();
            }
        }
        return result;
    }

    private static string? FindKey(JsonObject obj, string key) =>
        obj.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.Ordinal));

    /// <summary>Deserializes strictly; a wrong key or type becomes a <see cref="ConfigException"/> naming its path.</summary>
    public static T Deserialize<T>(JsonNode node, string at = "")
    {
        try
        {
            return node.Deserialize<T>(RunConfigJson.Options) ?? throw new ConfigException(at, "is empty");
        }
        catch (JsonException e)
        {
            throw new ConfigException(JoinPath(at, e.Path), Describe(e));
        }
    }

    private static string JoinPath(string at, string? jsonPath)
    {
        var p = (jsonPath ?? "").TrimStart('$').TrimStart('.');
        return string.IsNullOrEmpty(at) ? p : string.IsNullOrEmpty(p) ? at : $"{at}.{p}";
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        // System.Text.Json appends its own path and position; the path is reported separately.
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (message.Contains("could not be mapped", StringComparison.Ordinal)) return "unknown key: " + message;
        return message;
    }
}
