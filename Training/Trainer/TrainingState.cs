using SmartMixed.Training.Metrics;

namespace SmartMixed.Training.Trainer;

/// <summary>The best-validation-loss epoch so far and what was measured there.</summary>
public sealed record BestSnapshot(int Epoch, double ValidationLoss, double ValidationAccuracy, double TestLoss, double TestAccuracy);

/// <summary>
/// Everything about a run's progress other than tensors: together with the network and optimiser state it is
/// a complete checkpoint. Random streams are derived from (seed, epoch), so the epoch count restores them.
/// </summary>
public sealed class TrainingState
{
    public int EpochsCompleted { get; set; }
    public int Phase { get; set; } = 1;
    public long Phase1Steps { get; set; }
    /// <summary>Optimiser steps of the final network: phase 2, or every step of a baseline.</summary>
    public long Phase2Steps { get; set; }
    public int? SwitchEpoch { get; set; }
    /// <summary>Consecutive phase-1 epochs whose flip rate stayed below ε (settling switch rule).</summary>
    public int CalmEpochs { get; set; }
    public double? BestPhase1ValidationLoss { get; set; }
    public int[][]? BestPhase1Assignment { get; set; }
    /// <summary>
    /// The frozen assignment, per layer and neuron in the original order (phase 2, and the fixed, random and
    /// shuffled baselines from the start; a shuffled baseline's is resolved from its source once, at the start).
    /// </summary>
    public int[][]? Assignment { get; set; }
    public BestSnapshot? Best { get; set; }
    public List<EpochReport> History { get; set; } = [];
    public double WallSeconds { get; set; }
}
