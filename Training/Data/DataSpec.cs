namespace SmartMixed.Training.Data;

/// <summary>
/// Which data a run uses and how it is split; part of the run config (and so of its hash).
/// </summary>
/// <param name="Name">Data set name: mnist, fashion-mnist, mnist-npm10k, synthetic.</param>
/// <param name="ValidationFraction">Share of the training pool held out, stratified, for validation.</param>
/// <param name="SplitSeed">Seed of the stratified split (the reference uses 42).</param>
/// <param name="MaxTrainSamples">Optional stratified subsample of the training part, for quick runs.</param>
public sealed record DataSpec(
    string Name = "mnist-npm10k",
    double ValidationFraction = 0.1,
    int SplitSeed = 42,
    int? MaxTrainSamples = null);
