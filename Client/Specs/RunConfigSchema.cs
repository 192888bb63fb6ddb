using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Specs;

/// <summary>
/// The shape of a run config as its one JSON form sees it (<see cref="RunConfigJson.Options"/>'s metadata): which
/// keys exist at which path, what type each takes. Used to check paths written in a spec and to word problems; the
/// values themselves are read by <see cref="ConfigDocument.Deserialize{T}"/> and judged by <see cref="RunConfigValidator"/>.
/// </summary>
internal static class RunConfigSchema
{
    public static bool IsMapping(Type type) => Info(type).Kind == JsonTypeInfoKind.Object;

    public static IReadOnlyList<JsonPropertyInfo> Members(Type type) =>
        MemberCache.GetOrAdd(type, t => IsMapping(t) ? Info(t).Properties.Where(p => p.Set is not null).ToArray() : []);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonPropertyInfo[]> MemberCache = new();

    public static IEnumerable<string> Keys(Type type) => Members(type).Select(p => p.Name);

    public static JsonPropertyInfo? Member(Type type, string key) =>
        Members(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.Ordinal));

    public static string UnknownKey(Type type, string key) =>
        $"unknown key '{key}'{Suggest.Hint(key, Keys(type))}; valid keys: {string.Join(", ", Keys(type))}";

    /// <summary>The type at a dotted path of keys (no list indices), or why there is none.</summary>
    public static bool TryResolve(string dotted, out Type type, out string error)
    {
        type = typeof(RunConfig);
        error = "";
        var walked = "";
        foreach (var key in dotted.Split('.'))
        {
            if (!IsMapping(type))
            {
                error = walked.Length == 0 ? "not a run-config field" : $"'{walked}' has no fields inside it";
                return false;
            }
            var member = Member(type, key);
            if (member is null)
            {
                var keys = Keys(type);
                error = $"'{JsonPaths.Join(walked, key)}' is not a run-config field{Suggest.Hint(key, keys)}; " +
                        $"fields{(walked.Length == 0 ? "" : $" of {walked}")}: {string.Join(", ", keys)}";
                return false;
            }
            type = member.PropertyType;
            walked = JsonPaths.Join(walked, key);
        }
        return true;
    }

    /// <summary>The type at a path with list indices, e.g. <c>hidden[1]</c>; null when the path leaves the schema.</summary>
    public static Type? TypeAt(Type root, string path)
    {
        Type? type = root;
        foreach (var (name, _) in JsonPaths.Segments(path))
        {
            if (type is null) return null;
            type = name is not null ? Member(type, name)?.PropertyType : Info(type).ElementType;
        }
        return type;
    }

    public static bool IsInteger(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long);
    }

    public static bool IsNumber(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return IsInteger(t) || t == typeof(double) || t == typeof(float);
    }

    public static IReadOnlyList<string> EnumNames(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();

    /// <summary>What a value of this type looks like, for messages.</summary>
    public static string Expected(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Expected(inner) + " (or null)";
        if (IsInteger(type)) return "a whole number";
        if (IsNumber(type)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text";
        if (type.IsEnum) return "one of " + string.Join(", ", EnumNames(type));
        var info = Info(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
            return $"a list (each {Expected(element)})";
        if (info.Kind == JsonTypeInfoKind.Object) return "a mapping of " + string.Join(", ", Keys(type));
        return type.Name;
    }

    /// <summary>Reports (and removes) every key of <paramref name="node"/> that <paramref name="type"/> does not have, at any depth.</summary>
    public static void RemoveUnknownKeys(JsonObject node, Type type, string specPath, ProblemList problems)
    {
        foreach (var (key, value) in node.ToArray())
        {
            var member = Member(type, key);
            if (member is null)
            {
                problems.Add(JsonPaths.Join(specPath, key), UnknownKey(type, key));
                node.Remove(key);
            }
            else if (value is JsonObject child && IsMapping(member.PropertyType))
                RemoveUnknownKeys(child, member.PropertyType, JsonPaths.Join(specPath, key), problems);
        }
    }

    /// <summary>
    /// Deserializes strictly through <see cref="ConfigDocument.Deserialize{T}"/>, but reports every problem, not only the
    /// first: each offending key is reported (at its path in <paramref name="work"/>), removed, and the rest read again.
    /// Returns null when anything was wrong. <paramref name="work"/> is modified.
    /// </summary>
    public static T? DeserializeAll<T>(JsonObject work, Action<string, string> report) where T : class
    {
        bool failed = RemoveForbiddenNulls(work, typeof(T), "", report);
        for (int attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                var value = ConfigDocument.Deserialize<T>(work);
                return failed ? null : value;
            }
            catch (ConfigException e)
            {
                failed = true;
                var problem = e.Problems[0];
                report(problem.Path, Reword(typeof(T), work, problem));
                if (!JsonPaths.Remove(work, problem.Path)) return null;
            }
        }
        return null;
    }

    // System.Text.Json (without RespectNullableAnnotations) would store null in a non-nullable field and let the
    // validator trip over it; such nulls are problems here.
    private static bool RemoveForbiddenNulls(JsonObject node, Type type, string path, Action<string, string> report)
    {
        bool found = false;
        foreach (var (key, value) in node.ToArray())
        {
            var member = Member(type, key);
            if (member is null) continue;
            var at = JsonPaths.Join(path, key);
            if (value is null && !member.IsSetNullable)
            {
                report(at, $"must be {Expected(member.PropertyType)}, got null");
                node.Remove(key);
                found = true;
            }
            else if (value is JsonObject child && IsMapping(member.PropertyType))
                found |= RemoveForbiddenNulls(child, member.PropertyType, at, report);
        }
        return found;
    }

    private static string Reword(Type root, JsonNode work, ConfigProblem problem)
    {
        var segments = JsonPaths.Segments(problem.Path);
        if (problem.Message.StartsWith("unknown key", StringComparison.Ordinal) && segments.Count > 0 && segments[^1].Name is { } key)
        {
            var parentPath = problem.Path.Length > key.Length ? problem.Path[..^(key.Length + 1)] : "";
            if ((parentPath.Length == 0 ? root : TypeAt(root, parentPath)) is { } parent) return UnknownKey(parent, key);
        }
        if (problem.Message.Contains("could not be converted", StringComparison.Ordinal) && TypeAt(root, problem.Path) is { } type)
            return $"must be {Expected(type)}, got {SpecValues.Show(JsonPaths.Get(work, problem.Path))}";
        return problem.Message;
    }

    private static JsonTypeInfo Info(Type type) => RunConfigJson.Options.GetTypeInfo(type);
}
