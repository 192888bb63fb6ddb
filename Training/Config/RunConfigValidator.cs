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

        if (c.Fixed is not null)
        {
            if (!ActivationCatalog.TryGet(c.Fixed, out _)) Add("fixed", ActivationCatalog.UnknownMessage(c.Fixed));
            return problems; // a baseline has no selection phase: pool, temperature and switch do not apply
        }

        foreach (var message in CandidatePool.Problems(c.Pool)) Add("pool", message);

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
            else if (s.Epoch >= c.Epochs)
                Add("switch.epoch", $"the switch at epoch {s.Epoch} is not before the last epoch ({c.Epochs}); phase 2 would never run");
        }
        else
        {
            if (!(s.Epsilon >= 0 && s.Epsilon < 1)) Add("switch.epsilon", $"must be in [0, 1), got {s.Epsilon}");
            if (s.Patience < 1) Add("switch.patience", $"must be at least 1, got {s.Patience}");
            var latest = SwitchLatest(c);
            if (latest < 1) Add("switch.latest_epoch", $"must be at least 1, got {latest}");
            else if (latest >= c.Epochs)
                Add("switch.latest_epoch", $"the latest switch epoch {latest} is not before the last epoch ({c.Epochs})");
        }
        if (c.Selection.Clamp is { } clamp && !(clamp > 0)) Add("selection.clamp", $"must be positive (or null for none), got {clamp}");
        return problems;
    }

    /// <summary>The latest epoch a settling switch may happen after (default: half the run).</summary>
    public static int SwitchLatest(RunConfig c) => c.Switch.LatestEpoch ?? Math.Max(1, c.Epochs / 2);

    public static void ThrowIfInvalid(RunConfig config)
    {
        var problems = Problems(config);
        if (problems.Count > 0) throw new ConfigException(problems);
    }

    private static string Join(string at, string path) => string.IsNullOrEmpty(at) ? path : $"{at}.{path}";
}
