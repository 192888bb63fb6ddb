using System.Text.Json.Nodes;
using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Commands;

/// <summary>
/// Builds a run config from the train command's flags: the preset or config file first, then each flag given,
/// written into the config's JSON form so flags and files go through the same strict reader. Every problem is
/// reported at once — of the config file, of each flag's value, and of the resulting config — each naming the flag
/// (<c>--epochs: 'abc' is not a whole number</c>) or the file and key it comes from.
/// </summary>
public static class RunConfigOverrides
{
    public static RunConfig Build(TrainSettings s, IEnumerable<ConfigProblem>? earlier = null)
    {
        var problems = new List<ConfigProblem>(earlier ?? []);
        var read = new FlagValues(problems);
        int before = problems.Count;
        var start = Start(s, problems);
        bool startFailed = problems.Count > before;
        var node = JsonNode.Parse(RunConfigJson.Serialize(start))!.AsObject();
        var setBy = new Dictionary<string, string>(StringComparer.Ordinal); // config path → the flag that set it

        void Set(string flag, string path, JsonNode? value)
        {
            var parts = path.Split('.');
            var target = node;
            foreach (var part in parts[..^1]) target = target[part]!.AsObject();
            target[parts[^1]] = value;
            setBy[path] = flag;
        }
        void Text(string flag, string path, string? value)
        {
            if (value is not null) Set(flag, path, value);
        }
        void Whole(string flag, string path, string? value)
        {
            if (read.Int(flag, value) is { } v) Set(flag, path, v);
        }
        void Number(string flag, string path, string? value)
        {
            if (read.Number(flag, value) is { } v) Set(flag, path, v);
        }
        void NumberOrNone(string flag, string path, string? value)
        {
            var v = read.NumberOrNone(flag, value, out var given);
            if (given) Set(flag, path, v);
        }

        Text("--dataset", "data.name", s.Dataset);
        Number("--validation-fraction", "data.validation_fraction", s.ValidationFraction);
        Whole("--split-seed", "data.split_seed", s.SplitSeed);
        Whole("--max-train", "data.max_train_samples", s.MaxTrain);
        if (read.Ints("--hidden", s.Hidden, "512,256,128") is { } sizes)
            Set("--hidden", "hidden", new JsonArray(sizes.Select(v => (JsonNode?)v).ToArray()));
        if (s.Pool is not null)
        {
            var names = CandidatePool.Named.TryGetValue(s.Pool.Trim(), out var named) ? named.ToArray() : read.Names("--pool", s.Pool);
            if (names is not null) Set("--pool", "pool", new JsonArray(names.Select(n => (JsonNode?)n).ToArray()));
        }
        Text("--fixed", "fixed", s.Fixed);
        if (read.Number("--temperature", s.Temperature) is { } t)
        {
            Set("--temperature", "temperature.start", t);
            // A constant schedule's floor follows its start, so --temperature alone means "constant τ".
            if (start.Temperature.Schedule == ScheduleKind.Constant && s.Schedule is null or "constant" && s.TemperatureFloor is null)
                Set("--temperature", "temperature.floor", t);
        }
        Text("--schedule", "temperature.schedule", s.Schedule);
        Number("--temperature-floor", "temperature.floor", s.TemperatureFloor);
        Number("--decay-rate", "temperature.decay_rate", s.DecayRate);
        Whole("--temperature-horizon", "temperature.horizon", s.TemperatureHorizon);
        Text("--temperature-per", "temperature.per", s.TemperaturePer);
        if (s.Switch is not null)
        {
            if (s.Switch.Trim().Equals("settled", StringComparison.OrdinalIgnoreCase)) Set("--switch", "switch.rule", "settled");
            else if (int.TryParse(s.Switch.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
            {
                Set("--switch", "switch.rule", "epoch");
                Set("--switch", "switch.epoch", epoch);
            }
            else problems.Add(new ConfigProblem("--switch", $"expected an epoch number or 'settled', got '{s.Switch}'"));
        }
        Number("--switch-epsilon", "switch.epsilon", s.SwitchEpsilon);
        Whole("--switch-patience", "switch.patience", s.SwitchPatience);
        Whole("--switch-latest", "switch.latest_epoch", s.SwitchLatest);
        Text("--noise", "selection.noise", s.Noise);
        Text("--evaluation", "selection.evaluation", s.Evaluation);
        NumberOrNone("--clamp", "selection.clamp", s.Clamp);
        Text("--logit-init", "selection.logit_init", s.LogitInit);
        Text("--assignment", "phase_two.assignment", s.Assignment);
        Text("--phase2-weights", "phase_two.weights", s.PhaseTwoWeights);
        Text("--loss", "loss", s.Loss);
        Number("--lr", "optimizer.learning_rate", s.LearningRate);
        Number("--beta1", "optimizer.beta1", s.Beta1);
        Number("--beta2", "optimizer.beta2", s.Beta2);
        Number("--weight-decay", "optimizer.weight_decay", s.WeightDecay);
        NumberOrNone("--clip", "optimizer.clip_norm", s.Clip);
        Whole("--batch-size", "optimizer.batch_size", s.BatchSize);
        Whole("--epochs", "epochs", s.Epochs);
        Whole("--seed", "seed", s.Seed);
        Whole("--threads", "threads", s.Threads);

        // The flags whose values read are checked as a whole: their kinds first, then what the validator says.
        var shape = ConfigReader.Problems(node, typeof(RunConfig));
        var config = shape.Count == 0 ? ConfigDocument.Deserialize<RunConfig>(node) : null;
        // With a broken config file the default preset stood in: judging that config would report problems that are not there.
        var found = config is null ? shape : startFailed ? [] : RunConfigValidator.Problems(config);
        problems.AddRange(found.Select(p => ToFlag(p, setBy)));
        if (problems.Count > 0) throw new ConfigException(problems);
        return config!;
    }

    /// <summary>The config file or preset the flags start from; its problems are added, and the default preset stands in.</summary>
    private static RunConfig Start(TrainSettings s, List<ConfigProblem> problems)
    {
        if (s.ConfigFile is not null && s.Preset is not null)
            problems.Add(new ConfigProblem("--preset", "give either --config or --preset; a config file names its preset itself"));
        if (s.ConfigFile is not null)
        {
            try
            {
                return RunConfigFile.Load(s.ConfigFile);
            }
            catch (ConfigException e)
            {
                var file = Path.GetFileName(s.ConfigFile);
                problems.AddRange(e.Problems.Select(p => p.Path.Length == 0 ? p : p with { Path = $"{file}: {p.Path}" }));
                return Presets.Default;
            }
        }
        if (s.Preset is null) return Presets.Default;
        if (Presets.Names.Contains(s.Preset.Trim().ToLowerInvariant())) return Presets.Get(s.Preset);
        problems.Add(new ConfigProblem("--preset", $"unknown preset '{s.Preset}'{Spelling.Hint(s.Preset, Presets.Names)}; valid: {string.Join(", ", Presets.Names)}"));
        return Presets.Default;
    }

    /// <summary>A problem at a config path a flag set, named after that flag (<c>--hidden (hidden[1])</c>).</summary>
    private static ConfigProblem ToFlag(ConfigProblem problem, Dictionary<string, string> setBy)
    {
        var path = setBy.Keys
            .Where(k => problem.Path == k || problem.Path.StartsWith(k + ".", StringComparison.Ordinal) || problem.Path.StartsWith(k + "[", StringComparison.Ordinal))
            .MaxBy(k => k.Length);
        if (path is null) return problem;
        return problem with { Path = problem.Path == path ? setBy[path] : $"{setBy[path]} ({problem.Path})" };
    }
}
