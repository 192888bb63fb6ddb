using SmartMixed.Training.Config;

namespace SmartMixed.Training.Metrics;

/// <summary>
/// The outcome of one finished run. Accuracies are those of the best-validation-loss epoch of the final phase
/// (phase 2, or the whole run for a baseline); <see cref="Selection"/> is the frozen assignment.
/// </summary>
public sealed record RunResult(
    RunConfig Config,
    string ConfigHash,
    int Seed,
    int EpochsRun,
    int? SwitchEpoch,
    int BestEpoch,
    double ValidationLoss,
    double ValidationAccuracy,
    double TestLoss,
    double TestAccuracy,
    double FinalTrainLoss,
    double WallSeconds,
    IReadOnlyList<LayerSelection> Selection);
