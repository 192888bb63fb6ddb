using SmartMixed.Training.Activations;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Config;

/// <summary>Finds every problem of a run config before anything runs; paths are snake_case as in config files.</summary>
public static class RunConfigValidator
{
    public static IReadOnlyList<ConfigProblem> Problems(RunConfig c, string at = "")
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string message) => problems.Add(new ConfigProblem(Join(at, path), message));

        if (!DatasetCatalog.Names.Contains(c.Data.Name, StringComparer.OrdinalIgnoreCase))
            Add("data.name", $"unknown data set '{c.Data.Name}'; valid: {string.Join(", ", DatasetCatalog.Names)}");
        if (!(c.Data.ValidationFraction > 0 && c.Data.ValidationFraction < 1))
            Add("data.validation_fraction", $"must be between 0 and 1 (exclusive), got {c.Data.ValidationFraction}");
        if (c.Data.MaxTrainSamples is <= 0)
            Add("data.max_train_samples", $"must be positive, got {c.Data.MaxTrainSamples}");

        if (c.Hidden is null || c.Hidden.Count == 0) Add("hidden", "at least one hidden layer is needed");
        else
            for (int i = 0; i < c.Hidden.Count; i++)
                if (c.Hidden[i] <= 0) Add($"hidden[{i}]", $"a layer needs at least one neuron, got {c.Hidden[i]}");

        if (c.Epochs <= 0) Add("epochs", $"must be at least 1, got {c.Epochs}");
        if (c.Threads <= 0) Add("threads", $"must be at least 1, got {c.Threads}");

        var o = c.Optimizer;
        if (!(o.LearningRate > 0) || double.IsInfinity(o.LearningRate)) Add("optimizer.learning_rate", $"must be positive, got {o.LearningRate}");
        if (!(o.Beta1 >= 0 && o.Beta1 < 1)) Add("optimizer.beta1", $"must be in [0, 1), got {o.Beta1}");
        if (!(o.Beta2 >= 0 && o.Beta2 < 1)) Add("optimizer.beta2", $"must be in [0, 1), got {o.Beta2}");
        if (!(o.WeightDecay >= 0)) Add("optimizer.weight_decay", $"must be zero or positive, got {o.WeightDecay}");
        if (o.ClipNorm is { } clip && !(clip > 0)) Add("optimizer.clip_norm", $"must be positive (or null for no clipping), got {clip}");
        if (o.BatchSize <= 0) Add("optimizer.batch_size", $"must be at least 1, got {o.BatchSize}");

        if (c.Baseline == BaselineKind.Shuffled)
        {
            if (c.ShuffledFrom is null)
                Add("shuffled_from", "a shuffled baseline needs the config hash (16 hex digits) of the SmartMixed run whose layer shares it places on random neurons");
            else if (!IsConfigHash(c.ShuffledFrom))
                Add("shuffled_from", $"must be a run's config hash, 16 lower-case hex digits, got '{c.ShuffledFrom}'");
        }
        else if (c.ShuffledFrom is not null)
            Add("shuffled_from", $"only a shuffled baseline (baseline: shuffled) names a source run; this run is {Kind(c)}");

        if (c.Fixed is not null)
        {
            if (c.Baseline is { } kind)
                Add("baseline", $"a run is a fixed-activation baseline (fixed: {c.Fixed}) or a {Snake(kind)} baseline, not both");
            if (!ActivationCatalog.TryGet(c.Fixed, out _)) Add("fixed", ActivationCatalog.UnknownMessage(c.Fixed));
            return problems; // a baseline has no selection phase: pool, temperature and switch do not apply
        }

        foreach (var message in CandidatePool.Problems(c.Pool)) Add("pool", message);
        if (c.Baseline is not null) return problems; // random, shuffled and soft use the pool, and no selection phase

        var t = c.Temperature;
        if (!(t.Start > 0) || double.IsInfinity(t.Start)) Add("temperature.start", $"τ must be > 0, got {t.Start}");
        if (t.Schedule != ScheduleKind.Constant)
        {
            if (!(t.Floor > 0)) Add("temperature.floor", $"τ must be > 0, got {t.Floor}");
            else if (t.Floor > t.Start) Add("temperature.floor", $"the floor {t.Floor} is above the start {t.Start}");
        }
        if (t.Schedule == ScheduleKind.Exponential && !(t.DecayRate > 0 && t.DecayRate <= 1))
            Add("temperature.decay_rate", $"must be in (0, 1], got {t.DecayRate}");
        if (t.Horizon is <= 0) Add("temperature.horizon", $"must be positive, got {t.Horizon}");

        var s = c.Switch;
        if (s.Rule == SwitchRule.Epoch)
        {
            if (s.Epoch < 1) Add("switch.epoch", $"must be at least 1, got {s.Epoch}");
            else if (s.Epoch >= c.Epochs && c.EpochsOf == EpochsOf.WholeRun)
                Add("switch.epoch", $"the switch at epoch {s.Epoch} is not before the last epoch ({c.Epochs}); phase 2 would never run");
        }
        else
        {
            if (!(s.Epsilon >= 0 && s.Epsilon < 1)) Add("switch.epsilon", $"must be in [0, 1), got {s.Epsilon}");
            if (s.Patience < 1) Add("switch.patience", $"must be at least 1, got {s.Patience}");
            var latest = SwitchLatest(c);
            if (latest < 1) Add("switch.latest_epoch", $"must be at least 1, got {latest}");
            else if (latest >= c.Epochs && c.EpochsOf == EpochsOf.WholeRun)
                Add("switch.latest_epoch", $"the latest switch epoch {latest} is not before the last epoch ({c.Epochs})");
        }
        if (c.Selection.Clamp is { } clamp && !(clamp > 0)) Add("selection.clamp", $"must be positive (or null for none), got {clamp}");

        // Carrying the weights over is only meaningful when the grouped network computes what the selecting network
        // computed at the switch (function preservation); these combinations break that, so they are refused.
        if (c.PhaseTwo.Weights == PhaseTwoWeights.Carry)
        {
            const string fix = "carry the weights with phase_two.assignment: at_switch, selection.clamp: null and selection.evaluation: argmax, or start phase 2 from fresh weights (phase_two.weights: fresh)";
            if (c.PhaseTwo.Assignment == AssignmentSource.BestValidation)
                Add("phase_two.assignment", "breaks function preservation: the carried weights were trained with the logits at the switch, and the " +
                    $"best-validation epoch's assignment may differ from them, so phase 2 would start from a network phase 1 never computed; {fix}");
            if (c.Selection.Clamp is not null)
                Add("selection.clamp", "breaks function preservation: phase 1 clamps every candidate's output and phase 2 does not, so the carried " +
                    $"weights would compute a different function after the switch wherever an output passes the clamp; {fix}");
            if (c.Selection.Evaluation == SelectionEvaluation.Sampled)
                Add("selection.evaluation", "breaks function preservation: phase 1 is evaluated (and its best epoch chosen) on noisy samples, but phase 2 " +
                    $"carries the argmax network, which no phase-1 evaluation measured; {fix}");
        }
        return problems;
    }

    private static bool IsConfigHash(string text) => text.Length == 16 && text.All(ch => ch is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Kind(RunConfig c) => c.Fixed is not null ? $"a fixed baseline ({c.Fixed})"
        : c.Baseline is { } kind ? $"a {Snake(kind)} baseline" : "a SmartMixed run";

    private static string Snake<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The latest epoch a settling switch may happen after (default: half the run).</summary>
    public static int SwitchLatest(RunConfig c) => c.Switch.LatestEpoch ?? Math.Max(1, c.Epochs / 2);

    public static void ThrowIfInvalid(RunConfig config)
    {
        var problems = Problems(config);
        if (problems.Count > 0) throw new ConfigException(problems);
    }

    private static string Join(string at, string path) => string.IsNullOrEmpty(at) ? path : $"{at}.{path}";
}
