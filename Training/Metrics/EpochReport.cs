namespace SmartMixed.Training.Metrics;

/// <summary>
/// What one epoch did. <see cref="Temperature"/> (τ at the epoch's last step) and <see cref="FlipRate"/> are null
/// outside phase 1. <see cref="TrainSeconds"/> is the optimisation alone; <see cref="WallSeconds"/> adds evaluation.
/// <see cref="FlipRate"/> pools every hidden neuron, so the widest layer dominates it; <see cref="LayerFlipRates"/> gives
/// each hidden layer's own (the share of its neurons whose argmax changed this epoch), null outside phase 1.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    int Phase,
    double? Temperature,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    double? FlipRate,
    IReadOnlyList<LayerSelection> Selection,
    double TrainSeconds,
    double WallSeconds,
    IReadOnlyList<double>? LayerFlipRates = null);
