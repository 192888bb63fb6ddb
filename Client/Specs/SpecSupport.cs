using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Specs;

/// <summary>Every problem found, each distinct (path, message) once, in the order found.</summary>
internal sealed class ProblemList
{
    private readonly List<ConfigProblem> problems = [];
    private readonly HashSet<(string, string)> seen = [];

    public int Count => problems.Count;
    public IReadOnlyList<ConfigProblem> All => problems;

    public void Add(string path, string message)
    {
        if (seen.Add((path, message))) problems.Add(new ConfigProblem(path, message));
    }

    public void ThrowIfAny()
    {
        if (problems.Count > 0) throw new ConfigException(problems.ToArray());
    }
}

/// <summary>Reading scalars out of spec nodes, and turning values into short labels.</summary>
internal static class SpecValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool AsDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
               && double.TryParse(v.ToJsonString(), NumberStyles.Float, Inv, out value) && double.IsFinite(value);
    }

    /// <summary>A whole number (written 3 or 3.0).</summary>
    public static bool AsLong(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return false;
        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, Inv, out value)) return true;
        if (double.TryParse(text, NumberStyles.Float, Inv, out var d) && Math.Abs(d) < 9e15 && d == Math.Floor(d))
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    public static bool AsBool(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v) return false;
        var kind = v.GetValueKind();
        if (kind is not (JsonValueKind.True or JsonValueKind.False)) return false;
        value = kind == JsonValueKind.True;
        return true;
    }

    public static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    public static string Format(double value) => value.ToString("R", Inv);
    public static string Format(long value) => value.ToString(Inv);

    /// <summary>A readable label of any value: text as is, numbers shortest, lists of scalars joined by commas.</summary>
    public static string Label(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when AsLong(v, out var l) && !v.ToJsonString().Contains('.') => Format(l),
        JsonValue v when AsDouble(v, out var d) => Format(d),
        JsonArray a when a.All(e => e is null or JsonValue) => string.Join(",", a.Select(Label)),
        _ => node.ToJsonString(),
    };
}

/// <summary>Paths such as <c>optimizer.learning_rate</c> or <c>hidden[1]</c> over JSON trees.</summary>
internal static class JsonPaths
{
    /// <summary>Names (non-null) and indices (null name) of a path.</summary>
    public static IReadOnlyList<(string? Name, int Index)> Segments(string path)
    {
        var result = new List<(string?, int)>();
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = part.IndexOf('[');
            result.Add((open < 0 ? part : part[..open], -1));
            while (open >= 0)
            {
                var close = part.IndexOf(']', open);
                if (close < 0) break;
                int.TryParse(part.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index);
                result.Add((null, index));
                open = part.IndexOf('[', close);
            }
        }
        return result;
    }

    public static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}.{b}";

    /// <summary>The object <c>{a: {b: value}}</c> for the dotted path <c>a.b</c>.</summary>
    public static JsonObject Nest(string dotted, JsonNode? value)
    {
        var names = dotted.Split('.');
        JsonNode? node = value?.DeepClone();
        for (int i = names.Length - 1; i >= 0; i--) node = new JsonObject { [names[i]] = node };
        return (JsonObject)node!;
    }

    public static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var (name, index) in Segments(path))
        {
            node = name is not null
                ? node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null
                : node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Removes the key holding the value at <paramref name="path"/> (the whole list for an element).</summary>
    public static bool Remove(JsonObject root, string path)
    {
        JsonObject parent = root;
        string? key = null;
        foreach (var (name, _) in Segments(path))
        {
            if (name is null) break; // an index: remove the list that holds it
            if (key is not null)
            {
                if (parent[key] is not JsonObject next) break;
                parent = next;
            }
            key = name;
        }
        return key is not null && parent.Remove(key);
    }

    /// <summary>
    /// Whether an overlay writes the value at <paramref name="path"/>: it holds that path, a parent of it that
    /// replaces the whole subtree (a list or a scalar), or something inside it.
    /// </summary>
    public static bool Touches(JsonObject overlay, string path)
    {
        JsonNode? node = overlay;
        foreach (var (name, _) in Segments(path))
        {
            if (name is null) return true; // reached a list the overlay replaces
            if (node is not JsonObject o) return true;
            if (!o.TryGetPropertyValue(name, out var child)) return false;
            node = child;
        }
        return true;
    }
}

/// <summary>"Did you mean" for misspelt keys (optimal string alignment distance).</summary>
internal static class Suggest
{
    public static string? Closest(string word, IEnumerable<string> options)
    {
        var w = word.Trim().ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var option in options)
        {
            var d = Distance(w, option.ToLowerInvariant());
            if (d < bestDistance && d <= Math.Clamp(option.Length / 3, 1, 3)) (best, bestDistance) = (option, d);
        }
        return best;
    }

    public static string Hint(string word, IEnumerable<string> options) =>
        Closest(word, options) is { } c ? $" (did you mean '{c}'?)" : "";

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

/// <summary>SplitMix64: a small seeded generator whose sequence never depends on the runtime version.</summary>
internal sealed class SpecRandom(long seed)
{
    private ulong state = unchecked((ulong)seed);

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n), without modulo bias.</summary>
    public long NextLong(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong un = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % un;
        ulong r;
        do r = Next(); while (r >= limit);
        return (long)(r % un);
    }
}
