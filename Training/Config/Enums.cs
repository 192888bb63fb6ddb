namespace SmartMixed.Training.Config;

// Written as snake_case strings in config files, specs, tables and hashes.

/// <summary>How Gumbel noise is drawn in the selection phase.</summary>
public enum NoiseMode { PerSample, PerBatch }

/// <summary>Which choice a selecting neuron makes when the network is evaluated.</summary>
public enum SelectionEvaluation { Argmax, Sampled }

/// <summary>How the per-neuron logits start.</summary>
public enum LogitInit { Zeros, Reference }

/// <summary>Shape of the temperature over the selection phase.</summary>
public enum ScheduleKind { Constant, Exponential, Linear, Cosine }

/// <summary>Whether the temperature changes after every optimiser step or every epoch.</summary>
public enum ScheduleUnit { Step, Epoch }

/// <summary>When the selection freezes.</summary>
public enum SwitchRule { Epoch, Settled }

/// <summary>Which logits decide the frozen assignment.</summary>
public enum AssignmentSource { BestValidation, AtSwitch }

/// <summary>What the fixed phase starts from.</summary>
public enum PhaseTwoWeights { Fresh, Carry }

/// <summary>What the cross-entropy loss is applied to.</summary>
public enum LossKind { Logits, SoftmaxOutput }

/// <summary>
/// What the temperature τ acts on in the selection phase. The hard sample and the straight-through gradient both
/// come from the scores: estimator (the paper's and the reference's), scores (l + g)/τ, whose argmax is that of
/// l + g, so τ does not change which function is sampled (always ~ softmax(l)) and shapes only the gradient;
/// exploration, scores l/τ + g, so the sampled function follows softmax(l/τ): high τ explores, low τ exploits.
/// </summary>
public enum TemperatureRole { Estimator, Exploration }

/// <summary>
/// A baseline that does not select, beside fixed activations (<see cref="RunConfig.Fixed"/>): random, each
/// neuron a function drawn uniformly from the pool, fixed from the start; shuffled, the layer shares a SmartMixed
/// run learned (<see cref="RunConfig.ShuffledFrom"/>) placed on random neurons; soft, per-neuron softmax weights
/// over the pool, every candidate mixed, trained to the end without a hard choice.
/// </summary>
public enum BaselineKind { Random, Shuffled, Soft }

/// <summary>
/// What <see cref="RunConfig.Epochs"/> counts. whole_run: every epoch of the run, selection phase included (the
/// paper: 400 epochs for SmartMixed and baselines alike). final_network: the epochs of the network that is
/// evaluated at the end, i.e. phase 2 of a SmartMixed run (its selection phase comes on top) and every epoch of
/// a baseline, so phase 2 and the baselines get the same training budget.
/// </summary>
public enum EpochsOf { WholeRun, FinalNetwork }
