using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Specs;

/// <summary>Every run of a sweep, deduplicated by config hash, in a deterministic order.</summary>
public sealed record SweepPlan(string SweepId, string? Description, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>How the runs are executed (checkpoint cadence); not part of any run's config.</summary>
    public SweepSettings Settings { get; init; } = SweepSettings.Default;

    public int BaselineCount => Runs.Count(r => r.IsBaseline);
    public int CellCount => Runs.Select(r => r.CellKey).Distinct().Count();
    public IReadOnlyList<RunSpec> ToRunSpecs() => Runs.Select(r => r.ToRunSpec()).ToArray();
}

/// <summary>
/// One run of a plan. <paramref name="Hash"/> is <see cref="RunConfigHash.Of"/> of the config;
/// <paramref name="CellKey"/> the same hash with the seed set to 0, shared by all seeds of one point;
/// <paramref name="Factors"/> the factor labels that made it, then <c>seed</c> (and <c>fixed</c> for a baseline).
/// </summary>
public sealed record PlannedRun(RunConfig Config, string Hash, string CellKey, bool IsBaseline, IReadOnlyList<FactorValue> Factors)
{
    public RunSpec ToRunSpec() => RunSpecs.For(Config, Factors);

    /// <summary>The label of one factor, or null when this run does not carry it.</summary>
    public string? Factor(string name) => Factors.FirstOrDefault(f => f.Name == name)?.Value;
}

/// <summary>One factor of the grid: its name as written, the run-config path it sets, and its values' labels.</summary>
public sealed class SweepFactor
{
    internal SweepFactor(string name, string path, FactorKind kind, IReadOnlyList<FactorLevel> levels)
    {
        Name = name;
        Path = path;
        Kind = kind;
        Levels = levels;
    }

    /// <summary>As written in the spec, e.g. <c>architecture</c> or <c>optimizer.learning_rate</c>.</summary>
    public string Name { get; }
    /// <summary>The run-config field it sets, e.g. <c>hidden</c>.</summary>
    public string Path { get; }
    /// <summary>Labels of the valid values, in the spec's order.</summary>
    public IReadOnlyList<string> Labels => Levels.Select(l => l.Label).ToArray();
    /// <summary>Whether only the selection phase uses it, so baselines do not vary with it (labelled "-").</summary>
    public bool SelectionOnly => SelectionOnlyPath(Path);

    internal FactorKind Kind { get; }
    internal IReadOnlyList<FactorLevel> Levels { get; }

    internal static bool SelectionOnlyPath(string path) => RunConfigKeys.IsSelectionOnly(path);
}

internal enum FactorKind { Pool, Temperature, Switch, Hidden, Preset, Path }

/// <param name="Index">Position in the spec's list (for paths such as <c>factors.pool[2]</c>).</param>
/// <param name="Overlay">What the value writes over the run config (empty for a preset, which is the base instead).</param>
/// <param name="Preset">For a preset factor: the preset's name.</param>
internal sealed record FactorLevel(int Index, string Label, System.Text.Json.Nodes.JsonObject Overlay, string? Preset = null)
{
    /// <summary>Written as a mapping (several fields): problems inside it name the field.</summary>
    public bool Mapping { get; init; }
}

/// <summary><c>random:</c> sample <paramref name="Count"/> distinct points (and draw each range) with <paramref name="Seed"/>.</summary>
public sealed record SweepRandom(int Count, long Seed, IReadOnlyList<SweepRange> Ranges);

/// <summary>A run-config number drawn per sampled point, uniformly (or log-uniformly) in [min, max].</summary>
public sealed record SweepRange(string Path, double Min, double Max, bool Log, bool Integer);
