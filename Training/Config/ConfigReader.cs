using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SmartMixed.Training.Config;

/// <summary>
/// Reads a JSON tree into a config type (<see cref="RunConfig"/> or a part of it) strictly, reporting every problem
/// at once, each at its path and in plain words: unknown keys with a suggestion and the valid keys, values of the
/// wrong kind ("must be a whole number, got "abc""), nulls where a value is required. The shape comes from
/// <see cref="RunConfigJson.Options"/>, so it is the config's one JSON form.
/// </summary>
public static class ConfigReader
{
    private const int MaxShownLength = 60;

    /// <summary>The value of <paramref name="node"/>, or a <see cref="ConfigException"/> with every problem found.</summary>
    public static T Read<T>(JsonNode node, string at = "")
    {
        var problems = Problems(node, typeof(T), at);
        if (problems.Count > 0) throw new ConfigException(problems);
        return ConfigDocument.Deserialize<T>(node, at);
    }

    /// <summary>Every problem of shape and type in <paramref name="node"/> read as <paramref name="type"/>; none means it reads.</summary>
    public static IReadOnlyList<ConfigProblem> Problems(JsonNode? node, Type type, string at = "")
    {
        var problems = new List<ConfigProblem>();
        Check(node, type, at, problems);
        return problems;
    }

    /// <summary>The keys a mapping of this type takes, in declaration order.</summary>
    public static IReadOnlyList<string> Keys(Type type) => Members(type).Select(m => m.Name).ToArray();

    /// <summary>What a value of this type looks like, for messages: "a whole number", "one of per_sample, per_batch", …</summary>
    public static string Expected(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Expected(inner);
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text";
        if (type.IsEnum) return "one of " + string.Join(", ", EnumNames(type));
        var info = Info(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element) return $"a list, each {Expected(element)}";
        if (info.Kind == JsonTypeInfoKind.Object) return "a mapping with keys " + string.Join(", ", Keys(type));
        return type.Name;
    }

    /// <summary>A value as written, shortened for messages.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node is null ? "null" : node.ToJsonString(RunConfigJson.Options);
        return text.Length <= MaxShownLength ? text : text[..(MaxShownLength - 1)] + "…";
    }

    private static void Check(JsonNode? node, Type type, string path, List<ConfigProblem> problems)
    {
        if (node is null) return; // nulls are judged by the member or list that holds them
        var info = Info(Nullable.GetUnderlyingType(type) ?? type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject mapping:
                foreach (var (key, child) in mapping)
                {
                    var at = Join(path, key);
                    var member = Members(info.Type).FirstOrDefault(m => string.Equals(m.Name, key, StringComparison.Ordinal));
                    if (member is null)
                        problems.Add(new ConfigProblem(at, $"unknown key '{key}'{Spelling.Hint(key, Keys(info.Type))}; valid keys: {string.Join(", ", Keys(info.Type))}"));
                    else if (child is null && !member.IsSetNullable)
                        problems.Add(new ConfigProblem(at, $"must be {Expected(member.PropertyType)}, got null"));
                    else
                        Check(child, member.PropertyType, at, problems);
                }
                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray list && info.ElementType is { } element:
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] is null && element.IsValueType && Nullable.GetUnderlyingType(element) is null)
                        problems.Add(new ConfigProblem($"{path}[{i}]", $"must be {Expected(element)}, got null"));
                    else
                        Check(list[i], element, $"{path}[{i}]", problems);
                }
                break;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable:
                problems.Add(new ConfigProblem(path, $"must be {Expected(type)}, got {Show(node)}"));
                break;
            default:
                if (!Reads(node, info.Type)) problems.Add(new ConfigProblem(path, WrongValue(node, info.Type)));
                break;
        }
    }

    private static bool Reads(JsonNode node, Type type)
    {
        try
        {
            node.Deserialize(type, RunConfigJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string WrongValue(JsonNode node, Type type)
    {
        var message = $"must be {Expected(type)}, got {Show(node)}";
        if (type.IsEnum && node is JsonValue v && v.TryGetValue<string>(out var text))
            message += Spelling.Hint(text, EnumNames(type));
        return message;
    }

    private static IReadOnlyList<string> EnumNames(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();

    private static IEnumerable<JsonPropertyInfo> Members(Type type) =>
        Info(type).Kind == JsonTypeInfoKind.Object ? Info(type).Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null) : [];

    private static JsonTypeInfo Info(Type type) => RunConfigJson.Options.GetTypeInfo(type);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
