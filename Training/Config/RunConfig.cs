using System.Text.Json.Serialization;
using SmartMixed.Training.Activations;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Config;

/// <summary>
/// Everything that determines one training run. Two runs with equal configs (equal <see cref="RunConfigHash"/>)
/// produce the same numbers on CPU. Defaults are the <c>default</c> preset; see <see cref="Presets"/>.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The preset this config started from; a label only, the other fields decide.</summary>
    public string Preset { get; init; } = "default";
    public DataSpec Data { get; init; } = new();
    public IReadOnlyList<int> Hidden { get; init; } = [512, 256, 128, 64];
    public IReadOnlyList<string> Pool { get; init; } = ["relu", "sigmoid", "tanh", "leaky_relu", "elu", "selu"];
    /// <summary>When set, a baseline: this one activation everywhere, no selection phase.</summary>
    public string? Fixed { get; init; }
    /// <summary>
    /// When set, a baseline that does not select (random, shuffled or soft; see <see cref="BaselineKind"/>); it uses
    /// <see cref="Pool"/>, trains every epoch with one network, and ignores temperature, switch and phase_two.
    /// </summary>
    public BaselineKind? Baseline { get; init; }
    /// <summary>
    /// For a shuffled baseline: the config hash (16 hex digits) of the SmartMixed run whose learned layer shares it
    /// places on random neurons. The shares themselves come when the run starts (<c>TrainingSession.Start</c>'s
    /// source), so a sweep must run the source first; this field names the dependency.
    /// </summary>
    public string? ShuffledFrom { get; init; }
    public TemperatureSpec Temperature { get; init; } = new();
    public PhaseSwitchSpec Switch { get; init; } = new();
    public SelectionSpec Selection { get; init; } = new();
    public PhaseTwoSpec PhaseTwo { get; init; } = new();
    public LossKind Loss { get; init; } = LossKind.Logits;
    public OptimizerSpec Optimizer { get; init; } = new();
    public int Epochs { get; init; } = 20;
    /// <summary>Whether <see cref="Epochs"/> counts the whole run or the final network's epochs (<see cref="Config.EpochsOf"/>).</summary>
    public EpochsOf EpochsOf { get; init; } = EpochsOf.WholeRun;
    public int Seed { get; init; } = 1;
    /// <summary>Intra-op threads of this run's process; runs side by side each use one.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>A run that does not select: a fixed activation, or a random, shuffled or soft baseline.</summary>
    [JsonIgnore] // derived from Fixed and Baseline: not part of the config's JSON or hash
    public bool IsBaseline => Fixed is not null || Baseline is not null;

    /// <summary>
    /// How tables name a baseline: the fixed activation's canonical name (e.g. <c>relu</c>), or <c>random</c>,
    /// <c>shuffled</c>, <c>soft</c>; null for a SmartMixed run.
    /// </summary>
    [JsonIgnore]
    public string? BaselineLabel => Fixed is { } f
        ? ActivationCatalog.TryGet(f, out var a) ? a.Name : f.Trim().ToLowerInvariant()
        : Baseline switch
        {
            BaselineKind.Random => "random",
            BaselineKind.Shuffled => "shuffled",
            BaselineKind.Soft => "soft",
            _ => null,
        };
}

/// <param name="Schedule">constant, exponential, linear or cosine.</param>
/// <param name="Start">τ at the start of the selection phase.</param>
/// <param name="Floor">Lowest τ (exponential) or the end value (linear, cosine).</param>
/// <param name="DecayRate">Factor per unit for exponential decay.</param>
/// <param name="Horizon">Units over which linear and cosine anneal; default: the selection phase's length.</param>
/// <param name="Per">Whether τ changes per optimiser step or per epoch.</param>
/// <param name="Role">What τ acts on: estimator (the paper's: only the straight-through gradient; the sampled function
/// always follows softmax(logits)) or exploration (the sampled function follows softmax(logits/τ)). See <see cref="TemperatureRole"/>.</param>
public sealed record TemperatureSpec(
    ScheduleKind Schedule = ScheduleKind.Constant,
    double Start = 0.3,
    double Floor = 0.3,
    double DecayRate = 0.999,
    int? Horizon = null,
    ScheduleUnit Per = ScheduleUnit.Epoch,
    TemperatureRole Role = TemperatureRole.Estimator);

/// <param name="Rule">epoch: switch after <paramref name="Epoch"/>; settled: when the flip rate stays
/// below <paramref name="Epsilon"/> for <paramref name="Patience"/> epochs, at the latest after <paramref name="LatestEpoch"/>.</param>
public sealed record PhaseSwitchSpec(
    SwitchRule Rule = SwitchRule.Epoch,
    int Epoch = 10,
    double Epsilon = 0.01,
    int Patience = 3,
    int? LatestEpoch = null);

/// <param name="Clamp">Clamp each candidate's output and the mixture to ±this (reference: 10); null: no clamp.</param>
public sealed record SelectionSpec(
    NoiseMode Noise = NoiseMode.PerSample,
    SelectionEvaluation Evaluation = SelectionEvaluation.Argmax,
    double? Clamp = null,
    LogitInit LogitInit = LogitInit.Reference);

public sealed record PhaseTwoSpec(
    AssignmentSource Assignment = AssignmentSource.AtSwitch,
    PhaseTwoWeights Weights = PhaseTwoWeights.Carry);

/// <param name="ClipNorm">Gradient-norm clip per step; null: no clipping.</param>
public sealed record OptimizerSpec(
    double LearningRate = 1e-3,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double WeightDecay = 0.0,
    double? ClipNorm = 1.0,
    int BatchSize = 128);
