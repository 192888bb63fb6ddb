using System.ComponentModel;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

/// <summary>
/// Flags of <c>smartmixed train</c>. Each flag given overrides the preset or config file. Numbers are taken as text
/// and read by <see cref="RunConfigOverrides"/>, so that every bad value is reported at once, in plain words.
/// </summary>
public sealed class TrainSettings : CommandSettings
{
    [CommandOption("--config <FILE>"), Description("Run config in YAML or JSON (may name a preset; its keys override it).")]
    public string? ConfigFile { get; init; }

    [CommandOption("--preset <NAME>"), Description("default or reference.")]
    public string? Preset { get; init; }

    [CommandOption("--dataset <NAME>"), Description("mnist, fashion-mnist, mnist-npm10k or synthetic.")]
    public string? Dataset { get; init; }

    [CommandOption("--validation-fraction <F>")] public string? ValidationFraction { get; init; }
    [CommandOption("--split-seed <N>")] public string? SplitSeed { get; init; }
    [CommandOption("--max-train <N>"), Description("Stratified subsample of the training part.")] public string? MaxTrain { get; init; }

    [CommandOption("--hidden <SIZES>"), Description("Hidden layer sizes, e.g. 512,256,128,64.")]
    public string? Hidden { get; init; }

    [CommandOption("--pool <NAMES>"), Description("Candidate pool: comma-separated activations, or a named pool (paper6, relu_family, smooth, all).")]
    public string? Pool { get; init; }

    [CommandOption("--fixed <ACTIVATION>"), Description("Baseline: this activation everywhere, no selection.")]
    public string? Fixed { get; init; }

    [CommandOption("--temperature <TAU>"), Description("Start temperature τ (> 0).")] public string? Temperature { get; init; }
    [CommandOption("--schedule <KIND>"), Description("constant, exponential, linear or cosine.")] public string? Schedule { get; init; }
    [CommandOption("--temperature-floor <TAU>")] public string? TemperatureFloor { get; init; }
    [CommandOption("--decay-rate <R>")] public string? DecayRate { get; init; }
    [CommandOption("--temperature-horizon <N>")] public string? TemperatureHorizon { get; init; }
    [CommandOption("--temperature-per <UNIT>"), Description("step or epoch.")] public string? TemperaturePer { get; init; }

    [CommandOption("--switch <WHEN>"), Description("An epoch number, or 'settled'.")] public string? Switch { get; init; }
    [CommandOption("--switch-epsilon <E>")] public string? SwitchEpsilon { get; init; }
    [CommandOption("--switch-patience <K>")] public string? SwitchPatience { get; init; }
    [CommandOption("--switch-latest <EPOCH>")] public string? SwitchLatest { get; init; }

    [CommandOption("--noise <MODE>"), Description("per_sample or per_batch.")] public string? Noise { get; init; }
    [CommandOption("--evaluation <MODE>"), Description("argmax or sampled.")] public string? Evaluation { get; init; }
    [CommandOption("--clamp <VALUE>"), Description("Clamp candidate and mixture outputs to ±VALUE, or 'none'.")] public string? Clamp { get; init; }
    [CommandOption("--logit-init <MODE>"), Description("reference or zeros.")] public string? LogitInit { get; init; }
    [CommandOption("--assignment <FROM>"), Description("best_validation or at_switch.")] public string? Assignment { get; init; }
    [CommandOption("--phase2-weights <MODE>"), Description("fresh or carry.")] public string? PhaseTwoWeights { get; init; }
    [CommandOption("--loss <KIND>"), Description("logits or softmax_output.")] public string? Loss { get; init; }

    [CommandOption("--lr|--learning-rate <RATE>"), Description("Adam's learning rate (also --learning-rate).")] public string? LearningRate { get; init; }
    [CommandOption("--beta1 <B>")] public string? Beta1 { get; init; }
    [CommandOption("--beta2 <B>")] public string? Beta2 { get; init; }
    [CommandOption("--weight-decay <W>")] public string? WeightDecay { get; init; }
    [CommandOption("--clip <NORM>"), Description("Gradient-norm clip, or 'none'.")] public string? Clip { get; init; }
    [CommandOption("--batch-size <N>")] public string? BatchSize { get; init; }

    [CommandOption("--epochs <N>")] public string? Epochs { get; init; }
    [CommandOption("--seed <N>")] public string? Seed { get; init; }
    [CommandOption("--threads <N>")] public string? Threads { get; init; }

    [CommandOption("--out <DIR>"), Description("Where run.json, epochs.csv and selection.csv go (default: runs/<hash>).")]
    public string? Out { get; init; }

    [CommandOption("--checkpoint-every <N>"), Description("Checkpoint every N epochs into the output directory (default 1; 0 = never).")]
    public string? CheckpointEvery { get; init; }

    [CommandOption("--resume"), Description("Continue from the checkpoint in the output directory.")]
    public bool Resume { get; init; }

    [CommandOption("--overwrite"), Description("Start over in an output directory that holds a checkpoint or results, replacing them.")]
    public bool Overwrite { get; init; }
}
