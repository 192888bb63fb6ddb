using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Commands;

/// <summary>
/// Builds a run config from the train command's flags: the preset or config file first, then each flag given,
/// written into the config's JSON form so flags and files go through the same strict parser.
/// </summary>
public static class RunConfigOverrides
{
    public static RunConfig Build(TrainSettings s)
    {
        var problems = new List<ConfigProblem>();
        if (s.ConfigFile is not null && s.Preset is not null)
            throw new ConfigException("--preset", "give either --config or --preset; a config file names its preset itself");

        var start = s.ConfigFile is not null
            ? RunConfigFile.Load(s.ConfigFile)
            : Presets.Get(s.Preset ?? "default");
        var node = JsonNode.Parse(RunConfigJson.Serialize(start))!.AsObject();

        void Set(string path, JsonNode? value)
        {
            var parts = path.Split('.');
            var target = node;
            foreach (var part in parts[..^1]) target = target[part]!.AsObject();
            target[parts[^1]] = value;
        }

        if (s.Dataset is not null) Set("data.name", s.Dataset);
        if (s.ValidationFraction is { } vf) Set("data.validation_fraction", vf);
        if (s.SplitSeed is { } ss) Set("data.split_seed", ss);
        if (s.MaxTrain is { } mt) Set("data.max_train_samples", mt);
        if (s.Hidden is not null)
        {
            var sizes = ParseInts(s.Hidden, "--hidden", problems);
            if (sizes is not null) Set("hidden", new JsonArray(sizes.Select(v => (JsonNode?)v).ToArray()));
        }
        if (s.Pool is not null)
        {
            var names = CandidatePool.Named.TryGetValue(s.Pool.Trim(), out var named)
                ? named
                : s.Pool.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Set("pool", new JsonArray(names.Select(n => (JsonNode?)n).ToArray()));
        }
        if (s.Fixed is not null) Set("fixed", s.Fixed);
        if (s.Temperature is { } t)
        {
            Set("temperature.start", t);
            // A constant schedule's floor follows its start, so --temperature alone means "constant τ".
            if (start.Temperature.Schedule == ScheduleKind.Constant && s.Schedule is null or "constant" && s.TemperatureFloor is null)
                Set("temperature.floor", t);
        }
        if (s.Schedule is not null) Set("temperature.schedule", s.Schedule);
        if (s.TemperatureFloor is { } tf) Set("temperature.floor", tf);
        if (s.DecayRate is { } dr) Set("temperature.decay_rate", dr);
        if (s.TemperatureHorizon is { } th) Set("temperature.horizon", th);
        if (s.TemperaturePer is not null) Set("temperature.per", s.TemperaturePer);
        if (s.Switch is not null)
        {
            if (s.Switch.Trim().Equals("settled", StringComparison.OrdinalIgnoreCase)) Set("switch.rule", "settled");
            else if (int.TryParse(s.Switch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                Set("switch.rule", "epoch");
                Set("switch.epoch", epoch);
            }
            else problems.Add(new ConfigProblem("--switch", $"expected an epoch number or 'settled', got '{s.Switch}'"));
        }
        if (s.SwitchEpsilon is { } se) Set("switch.epsilon", se);
        if (s.SwitchPatience is { } sp) Set("switch.patience", sp);
        if (s.SwitchLatest is { } sl) Set("switch.latest_epoch", sl);
        if (s.Noise is not null) Set("selection.noise", s.Noise);
        if (s.Evaluation is not null) Set("selection.evaluation", s.Evaluation);
        if (s.Clamp is not null) Set("selection.clamp", OptionalNumber(s.Clamp, "--clamp", problems));
        if (s.LogitInit is not null) Set("selection.logit_init", s.LogitInit);
        if (s.Assignment is not null) Set("phase_two.assignment", s.Assignment);
        if (s.PhaseTwoWeights is not null) Set("phase_two.weights", s.PhaseTwoWeights);
        if (s.Loss is not null) Set("loss", s.Loss);
        if (s.LearningRate is { } lr) Set("optimizer.learning_rate", lr);
        if (s.Beta1 is { } b1) Set("optimizer.beta1", b1);
        if (s.Beta2 is { } b2) Set("optimizer.beta2", b2);
        if (s.WeightDecay is { } wd) Set("optimizer.weight_decay", wd);
        if (s.Clip is not null) Set("optimizer.clip_norm", OptionalNumber(s.Clip, "--clip", problems));
        if (s.BatchSize is { } bs) Set("optimizer.batch_size", bs);
        if (s.Epochs is { } e) Set("epochs", e);
        if (s.Seed is { } seed) Set("seed", seed);
        if (s.Threads is { } threads) Set("threads", threads);

        if (problems.Count > 0) throw new ConfigException(problems);
        var config = ConfigDocument.Deserialize<RunConfig>(node);
        RunConfigValidator.ThrowIfInvalid(config);
        return config;
    }

    private static int[]? ParseInts(string text, string flag, List<ConfigProblem> problems)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                problems.Add(new ConfigProblem(flag, $"'{parts[i]}' is not a whole number (expected e.g. 512,256,128)"));
                return null;
            }
        return values;
    }

    private static JsonNode? OptionalNumber(string text, string flag, List<ConfigProblem> problems)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        problems.Add(new ConfigProblem(flag, $"expected a number or 'none', got '{text}'"));
        return null;
    }
}
