using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// The columns of a sweep's per-run tables, gathered from its run specs before any row is written (so rows can be
/// streamed): factor names and config settings in first-seen plan order, and the share.L&lt;layer&gt;.&lt;function&gt;
/// columns — every (hidden layer, function) pair some run can select, layers ascending, functions in the order
/// SmartMixed runs list them, then the baselines' own.
/// </summary>
public sealed class TableLayout
{
    private readonly List<string> _factors = [];
    private readonly HashSet<string> _factorSet = new(StringComparer.Ordinal);
    private readonly List<string> _configKeys = [];
    private readonly HashSet<string> _configSet = new(StringComparer.Ordinal);
    private readonly List<string> _selectingFunctions = [];
    private readonly List<string> _baselineFunctions = [];
    private readonly Dictionary<int, HashSet<string>> _layerFunctions = [];
    private IReadOnlyList<(int Layer, string Function)>? _shares;

    public TableLayout(string sweepId) => SweepId = sweepId;

    public string SweepId { get; }

    /// <summary>Factor names (seed included) in first-seen order.</summary>
    public IReadOnlyList<string> Factors => _factors;

    public IReadOnlyList<string> FactorsWithoutSeed => _factors.Where(f => !IsSeed(f)).ToList();

    public IReadOnlyList<string> ConfigKeys => _configKeys;

    /// <summary>The most hidden layers any run has.</summary>
    public int Layers => _layerFunctions.Count == 0 ? 0 : _layerFunctions.Keys.Max();

    /// <summary>Every function in column order: SmartMixed runs' first, then those only baselines use.</summary>
    public IReadOnlyList<string> Functions => _selectingFunctions.Concat(_baselineFunctions.Where(f => !_selectingFunctions.Contains(f))).ToList();

    public IReadOnlyList<(int Layer, string Function)> Shares => _shares ??= BuildShares();

    public IEnumerable<string> ShareHeader => Shares.Select(s => $"share.L{s.Layer}.{s.Function}");

    public void Add(RunSpec spec, ConfigColumns config)
    {
        _shares = null;
        foreach (var f in spec.Factors)
            if (_factorSet.Add(f.Name)) _factors.Add(f.Name);
        foreach (var (key, _) in config.Settings)
            if (_configSet.Add(key)) _configKeys.Add(key);
        var functions = spec.IsBaseline ? _baselineFunctions : _selectingFunctions;
        foreach (var f in config.Functions)
            if (!functions.Contains(f)) functions.Add(f);
        for (int layer = 1; layer <= config.Layers; layer++)
        {
            if (!_layerFunctions.TryGetValue(layer, out var set)) _layerFunctions[layer] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(config.Functions);
        }
    }

    /// <summary>Share values of one selection in <see cref="Shares"/> order: count / layer total, null where the run's layer lacks the function.</summary>
    public IEnumerable<object?> ShareValues(IReadOnlyList<string> functions, Func<int, ReadOnlySpan<int>>? layerCounts, int layers)
    {
        foreach (var (layer, function) in Shares)
        {
            int k = IndexOf(functions, function);
            if (layerCounts is null || layer > layers || k < 0)
            {
                yield return null;
                continue;
            }
            yield return Share(layerCounts(layer), k);
        }
    }

    /// <summary>For each share column, its layer and the index of its function in <paramref name="functions"/> (−1: absent).</summary>
    public (int Layer, int Index)[] ShareColumnsOf(IReadOnlyList<string> functions) =>
        Shares.Select(s => (s.Layer, IndexOf(functions, s.Function))).ToArray();

    public static bool IsSeed(string factor) => string.Equals(factor, "seed", StringComparison.OrdinalIgnoreCase);

    private static double? Share(ReadOnlySpan<int> counts, int k)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        return total > 0 ? counts[k] / (double)total : null;
    }

    private static int IndexOf(IReadOnlyList<string> functions, string function)
    {
        for (int i = 0; i < functions.Count; i++)
            if (string.Equals(functions[i], function, StringComparison.Ordinal)) return i;
        return -1;
    }

    private IReadOnlyList<(int Layer, string Function)> BuildShares()
    {
        var order = Functions;
        var columns = new List<(int, string)>();
        foreach (var layer in _layerFunctions.Keys.Order())
            foreach (var f in order)
                if (_layerFunctions[layer].Contains(f)) columns.Add((layer, f));
        return columns;
    }
}
