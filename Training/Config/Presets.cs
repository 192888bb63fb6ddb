namespace SmartMixed.Training.Config;

/// <summary>Named starting points for a run config. Both are plain configs; any field can be overridden.</summary>
public static class Presets
{
    /// <summary>
    /// The paper's code as it behaves (DESIGN.md §2): batch-shared noise, sampled evaluation, ±10 clamps,
    /// double softmax, Adam 1e-4, switch at 50 of 400 epochs, fresh weights in phase 2.
    /// </summary>
    public static RunConfig Reference { get; } = new()
    {
        Preset = "reference",
        Hidden = [512, 256, 128, 64],
        Pool = ["relu", "sigmoid", "tanh", "leaky_relu", "elu", "selu"],
        Temperature = new TemperatureSpec(ScheduleKind.Constant, Start: 0.3, Floor: 0.3),
        Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 50),
        Selection = new SelectionSpec(NoiseMode.PerBatch, SelectionEvaluation.Sampled, Clamp: 10.0, LogitInit.Reference),
        PhaseTwo = new PhaseTwoSpec(AssignmentSource.BestValidation, PhaseTwoWeights.Fresh),
        Loss = LossKind.SoftmaxOutput,
        Optimizer = new OptimizerSpec(LearningRate: 1e-4, ClipNorm: 1.0, BatchSize: 128),
        Epochs = 400,
        Seed = 42,
    };

    /// <summary>
    /// The reference with its questionable choices corrected: loss on logits, argmax evaluation, per-sample
    /// noise, no clamp, Adam 1e-3 (trains in tens of epochs, not hundreds), and phase 2 carrying the trained
    /// weights over with the assignment taken at the switch, so grouping keeps the network's function exactly
    /// and phase 1's training is not thrown away.
    /// </summary>
    public static RunConfig Default { get; } = new();

    public static IReadOnlyList<string> Names { get; } = ["default", "reference"];

    public static RunConfig Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        "default" => Default,
        "reference" => Reference,
        _ => throw new ArgumentException($"unknown preset '{name}'; valid: {string.Join(", ", Names)}"),
    };
}
