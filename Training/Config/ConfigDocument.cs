using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SmartMixed.Training.Config;

/// <summary>
/// Config files and specs as JSON trees, whether written in YAML or JSON, so both forms go through one strict
/// deserializer with one set of error paths.
/// </summary>
public static class ConfigDocument
{
    /// <summary>Largest config or spec file read; real ones are a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Reads and parses a config or spec file (see <see cref="ReadText"/> and <see cref="Parse"/>).</summary>
    public static JsonNode Load(string path) => Parse(ReadText(path), Path.GetFileName(path));

    /// <summary>
    /// The text of a config or spec file, read with a size cap: a directory, a missing or unreadable file, one larger
    /// than <see cref="MaxFileBytes"/> (or endless, such as <c>/dev/zero</c>) and one that is not UTF-8 text are each
    /// a <see cref="ConfigException"/> naming the file.
    /// </summary>
    public static string ReadText(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException("", "no file given");
        if (Directory.Exists(path)) throw new ConfigException("", $"{path} is a directory, not a file");
        if (!File.Exists(path)) throw new ConfigException("", $"file not found: {path}");
        byte[] bytes;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = new byte[MaxFileBytes + 1];
            int length = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (length > MaxFileBytes)
                throw new ConfigException("", $"{path} is larger than {MaxFileBytes / 1024} KiB; a config or spec is a few kilobytes");
            Array.Resize(ref bytes, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("", $"cannot read {path}: {e.Message}");
        }
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            if (text.Contains('\0')) throw new ConfigException("", $"{path} is not a text file (it holds NUL bytes)");
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigException("", $"{path} is not UTF-8 text");
        }
    }

    /// <summary>
    /// Parses YAML (a superset of JSON); plain scalars become numbers, booleans or null where they look so. Memory
    /// stays bounded on any input (see <see cref="YamlTreeReader"/>); a syntax error names its line and column.
    /// </summary>
    public static JsonNode Parse(string text, string sourceName)
    {
        if (text.Length > MaxFileBytes) throw new ConfigException("", $"{sourceName} is larger than {MaxFileBytes / 1024} KiB; a config or spec is a few kilobytes");
        var root = YamlTreeReader.Read(text, sourceName);
        return root ?? throw new ConfigException("", $"{sourceName} is empty");
    }

    internal static JsonNode? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str"))
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
