using System.Text.Json.Nodes;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;

namespace SmartMixed.Client.Specs;

/// <summary>
/// A sweep specification (YAML or JSON), read, checked and expanded. <see cref="Parse"/> and <see cref="Load"/> either
/// return a spec whose every run is a valid run config, or throw one <see cref="ConfigException"/> carrying every
/// problem found, each at its path in the spec (<c>factors.pool[2]</c>, <c>fixed.optimizer.learning_rate</c>, …).
/// </summary>
/// <remarks>
/// One run is built in this order: the preset (a preset factor or the top-level <c>preset</c>), the top-level
/// <c>data</c> and <c>epochs</c>, <c>fixed</c>, the factor values in the order written, the sampled ranges, the seed;
/// then read strictly (<see cref="ConfigDocument.Deserialize{T}"/>) and checked (<see cref="RunConfigValidator"/>).
/// </remarks>
public sealed class SweepSpec
{
    /// <summary>A plan may hold at most this many runs (before deduplication); larger grids need <c>random</c>.</summary>
    public const int MaxRuns = 200_000;

    internal SweepSpec() { }

    /// <summary>The sweep id: <c>name</c>, or else the file name made into an id.</summary>
    public string Name { get; internal set; } = "";
    public string? Description { get; internal set; }
    public string SourceName { get; internal set; } = "";
    /// <summary>The base preset of every run unless a <c>preset</c> factor varies it.</summary>
    public string Preset { get; internal set; } = "default";
    /// <summary>The top-level data, over the preset's.</summary>
    public DataSpec Data { get; internal set; } = new();
    public int Epochs { get; internal set; }
    public IReadOnlyList<int> Seeds { get; internal set; } = [1];
    /// <summary>Canonical activation names of the fixed-activation baselines.</summary>
    public IReadOnlyList<string> Baselines { get; internal set; } = [];
    /// <summary>The grid, in the spec's order; only valid values are kept.</summary>
    public IReadOnlyList<SweepFactor> Factors { get; internal set; } = [];
    public SweepRandom? Random { get; internal set; }
    /// <summary>How the runs are executed (checkpoint cadence): not part of any run's config.</summary>
    public SweepSettings Settings { get; internal set; } = SweepSettings.Default;
    /// <summary>Number of points of the full grid (product of the factors' value counts).</summary>
    public long GridSize { get; internal set; } = 1;

    internal JsonObject? DataNode { get; set; }
    internal JsonObject FixedNode { get; set; } = new();
    internal bool EpochsValid { get; set; }
    internal string RandomCountPath { get; set; } = "random";

    private SweepPlan plan = new("", null, []);

    /// <summary>The runs of this spec (computed and validated while parsing).</summary>
    public SweepPlan Expand() => plan;

    /// <summary>Reads a spec from YAML or JSON text; <paramref name="defaultName"/> is the sweep id when the spec has no <c>name</c>.</summary>
    public static SweepSpec Parse(string text, string sourceName, string defaultName) =>
        FromNode(ConfigDocument.Parse(text, sourceName), sourceName, defaultName);

    /// <summary>Reads a spec file (size-capped; a directory or unreadable file is a problem); its name without extension is the default sweep id.</summary>
    public static SweepSpec Load(string path) =>
        Parse(ConfigDocument.ReadText(path), Path.GetFileName(path), Path.GetFileNameWithoutExtension(path));

    public static SweepSpec FromNode(JsonNode root, string sourceName, string defaultName)
    {
        var problems = new ProblemList();
        var spec = SweepSpecReader.Read(root, sourceName, defaultName, problems);
        var plan = SweepExpander.Expand(spec, problems);
        problems.ThrowIfAny();
        spec.plan = plan;
        return spec;
    }

    /// <summary>Parse, validate and expand in one call (for the command line); throws <see cref="ConfigException"/> with every problem.</summary>
    public static SweepPlan LoadPlan(string path) => Load(path).Expand();

    /// <inheritdoc cref="LoadPlan"/>
    public static SweepPlan ParsePlan(string text, string sourceName, string defaultName) => Parse(text, sourceName, defaultName).Expand();
}
