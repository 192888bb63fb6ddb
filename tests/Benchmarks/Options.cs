namespace SmartMixed.Benchmarks;

/// <summary>Minimal "--name value" / "--flag" parsing for the benchmark programs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public Options(string[] args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        for (int i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (flags.Contains(name)) _values[name] = null;
            else if (valueOptions.Contains(name))
            {
                if (i + 1 >= args.Length) throw new BenchmarkException($"{name} needs a value");
                _values[name] = args[++i];
            }
            else throw new BenchmarkException($"unknown option '{name}'; valid: {string.Join(", ", valueOptions.Concat(flags))}");
        }
    }

    public bool Has(string flag) => _values.ContainsKey(flag);

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) && v is not null ? v : fallback;

    public int GetInt(string name, int fallback, int min = 1)
    {
        var text = Get(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) || v < min)
            throw new BenchmarkException($"{name} must be a whole number ≥ {min}, got '{text}'");
        return v;
    }
}
