namespace SmartMixed.Training.Metrics;

/// <summary>What one epoch did. <see cref="Temperature"/> and <see cref="FlipRate"/> are null outside phase 1.</summary>
public sealed record EpochReport(
    int Epoch,
    int Phase,
    double? Temperature,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    double? FlipRate,
    IReadOnlyList<LayerSelection> Selection,
    double WallSeconds);
