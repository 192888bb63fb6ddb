using SmartMixed.Training.Config;

namespace SmartMixed.Training.Metrics;

/// <summary>
/// The outcome of one finished run. Accuracies are those of the best-validation-loss epoch of the final phase
/// (phase 2, or the whole run for a baseline); <see cref="Selection"/> is the frozen assignment (for the soft
/// baseline, each neuron's dominant candidate at the end).
/// </summary>
/// <param name="Phase1Steps">Optimiser steps of the selection phase (0 for a baseline).</param>
/// <param name="Phase2Steps">Optimiser steps of the final network, the one evaluated: phase 2 of a SmartMixed run,
/// every step of a baseline (fixed, random, shuffled, soft). With fresh phase-2 weights these are the steps that
/// compare with a baseline's.</param>
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
    IReadOnlyList<LayerSelection> Selection,
    long Phase1Steps,
    long Phase2Steps);
