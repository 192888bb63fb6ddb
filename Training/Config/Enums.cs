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
