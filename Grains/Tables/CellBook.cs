using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>One cell as the per-cell tables see it: its labels and its planned runs' outcomes (no curves).</summary>
public sealed class CellData(string key, string settingKey, string? baseline, IReadOnlyList<FactorValue> factors, string? phaseTwoWeights = null)
{
    private readonly List<RunOutcome> _runs = [];

    public string Key { get; } = key;
    /// <summary>The cell's settings without the selection-only ones: equal for a SmartMixed cell and its baselines.</summary>
    public string SettingKey { get; } = settingKey;
    public string? Baseline { get; } = baseline;
    public bool IsBaseline => Baseline is not null;
    /// <summary>The factor labels of the cell (no seed).</summary>
    public IReadOnlyList<FactorValue> Factors { get; } = factors;
    /// <summary>What the cell's final network starts from (fresh or carry, from its config); null for a baseline, or when
    /// the cell came from an aggregator's summary, which carries no configs. Kept instead of the config, which is large.</summary>
    public string? PhaseTwoWeights { get; } = phaseTwoWeights;
    /// <summary>Outcomes of the cell's ended runs, by seed then hash.</summary>
    public IReadOnlyList<RunOutcome> Runs => _runs;
    public IEnumerable<RunOutcome> Done => _runs.Where(r => r.Status == RunStatus.Done);
    public int Failed => _runs.Count(r => r.Status == RunStatus.Failed);

    /// <summary>Early stopping stopped the cell: some of its runs are paused at a rung (they did not run their budget).</summary>
    public bool IsStopped => _runs.Any(r => r.Status == RunStatus.Paused);

    /// <summary>The rung (epoch) where early stopping stopped the cell; null when it was not stopped.</summary>
    public int? StoppedAt => IsStopped ? _runs.Where(r => r.Status == RunStatus.Paused).Min(r => r.EpochsRun) : null;

    /// <summary>The stopped cell's mean, over its paused runs, of the metric the rung compared; null when not stopped.</summary>
    public double? RungMean => IsStopped
        ? _runs.Where(r => r.Status == RunStatus.Paused).Select(r => r.ValidationLoss ?? r.ValidationAccuracy).OfType<double>().DefaultIfEmpty(double.NaN).Average()
        : null;

    /// <summary>
    /// Whether a baseline cell is one this SmartMixed cell is compared with: the same setting, and every factor label
    /// the baseline keeps (not "-") equal to the cell's. A fixed activation keeps none of the selection factors, so it
    /// stands beside every cell of its setting; a random or soft baseline keeps the pool, so it stands beside the cells
    /// with that pool; a shuffled baseline keeps every label, so it stands beside its source cell alone.
    /// </summary>
    public bool IsComparedWith(CellData baseline)
    {
        if (IsBaseline || !baseline.IsBaseline || !string.Equals(baseline.SettingKey, SettingKey, StringComparison.Ordinal)) return false;
        foreach (var f in baseline.Factors)
        {
            if (f.Value == "-" || f.Name is "fixed" or "baseline") continue;
            if (Factor(f.Name) is { } mine && !string.Equals(mine, f.Value, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public string? Factor(string name)
    {
        foreach (var f in Factors)
            if (string.Equals(f.Name, name, StringComparison.Ordinal)) return f.Value;
        return null;
    }

    internal void Add(RunOutcome outcome)
    {
        int at = _runs.FindIndex(r => r.Seed > outcome.Seed || (r.Seed == outcome.Seed && string.CompareOrdinal(r.Hash, outcome.Hash) > 0));
        _runs.Insert(at < 0 ? _runs.Count : at, outcome);
    }
}

/// <summary>
/// The cells of a sweep in first-seen (plan) order, filled from its runs' outcomes as an export streams them, or from
/// the aggregators' cell summaries. Holds no curves: its size grows with the cells and seeds, not with the epochs.
/// </summary>
public sealed class CellBook
{
    private readonly Dictionary<string, CellData> _byKey = new(StringComparer.Ordinal);
    private readonly List<CellData> _cells = [];

    public IReadOnlyList<CellData> Cells => _cells;

    /// <summary>Adds a planned run; its outcome counts once it has ended.</summary>
    public void Add(RunSpec spec, RunOutcome? outcome)
    {
        var cell = Cell(spec.CellKey, spec.SettingKey, spec.Baseline, spec.Factors, spec);
        if (outcome is not null && outcome.Status is RunStatus.Done or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Paused) cell.Add(Shared(outcome));
    }

    public void Add(CellSummary summary)
    {
        var cell = Cell(summary.CellKey, summary.SettingKey, summary.Baseline, summary.Factors);
        foreach (var run in summary.Runs) cell.Add(Shared(run));
    }

    /// <summary>
    /// Every outcome arrives with its own copy of its pool's function names; a sweep has a handful of pools, so one copy
    /// of each is kept (at 100,000 runs this is tens of megabytes).
    /// </summary>
    private RunOutcome Shared(RunOutcome outcome)
    {
        var key = string.Join("\u0001", outcome.Functions);
        if (_functions.TryGetValue(key, out var shared)) return ReferenceEquals(shared, outcome.Functions) ? outcome : outcome with { Functions = shared };
        _functions[key] = outcome.Functions;
        return outcome;
    }

    private readonly Dictionary<string, string[]> _functions = new(StringComparer.Ordinal);

    private CellData Cell(string key, string settingKey, string? baseline, IReadOnlyList<FactorValue> factors, RunSpec? spec = null)
    {
        if (_byKey.TryGetValue(key, out var cell)) return cell;
        cell = new CellData(key, settingKey, baseline, factors.Where(f => !TableLayout.IsSeed(f.Name)).ToList(),
            spec is null || spec.IsBaseline ? null : RunBudget.PhaseTwoWeights(spec.ConfigJson));
        _byKey[key] = cell;
        _cells.Add(cell);
        return cell;
    }
}
