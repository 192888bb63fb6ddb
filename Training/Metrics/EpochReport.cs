namespace SmartMixed.Training.Metrics;

/// <summary>
/// What one epoch did. <see cref="Temperature"/> (τ at the epoch's last step) and <see cref="FlipRate"/> are null
/// outside phase 1. <see cref="TrainSeconds"/> is the optimisation alone; <see cref="WallSeconds"/> adds evaluation.
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
    double WallSeconds);
