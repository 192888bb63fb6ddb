using SmartMixed.Training.Config;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Config;

public class RunConfigTests
{
    [Fact]
    public void Hash_is_stable_across_processes_and_versions()
    {
        // Golden values: a change here changes the identity of every stored run. Change deliberately or not at all.
        Assert.Equal("1140b1cd407b477b", RunConfigHash.Of(Presets.Default));
        Assert.Equal("d01dcca96a2f5e12", RunConfigHash.Of(Presets.Reference));
    }

    [Fact]
    public void Hash_follows_every_field_and_survives_a_round_trip()
    {
        var config = Presets.Default;
        Assert.NotEqual(RunConfigHash.Of(config), RunConfigHash.Of(config with { Seed = 2 }));
        Assert.NotEqual(RunConfigHash.Of(config), RunConfigHash.Of(config with { Temperature = config.Temperature with { Start = 0.31 } }));
        Assert.NotEqual(RunConfigHash.Of(config), RunConfigHash.Of(config with { Data = config.Data with { Name = "synthetic" } }));
        var back = RunConfigJson.Deserialize(RunConfigJson.Serialize(config));
        Assert.Equal(RunConfigHash.Of(config), RunConfigHash.Of(back));
    }

    [Fact]
    public void Yaml_file_overrides_its_preset()
    {
        const string yaml = """
            preset: reference
            data: { name: synthetic }
            hidden: [32, 16]
            temperature:
              schedule: exponential
              start: 1.0
              floor: 0.1
            optimizer: { learning_rate: 0.001 }
            selection: { clamp: null }
            epochs: 12
            """;
        var config = RunConfigFile.FromNode(ConfigDocument.Parse(yaml, "test.yaml"));
        Assert.Equal("reference", config.Preset);
        Assert.Equal([32, 16], config.Hidden);
        Assert.Equal(ScheduleKind.Exponential, config.Temperature.Schedule);
        Assert.Equal(0.001, config.Optimizer.LearningRate);
        Assert.Equal(1.0, config.Optimizer.ClipNorm); // kept from the preset
        Assert.Null(config.Selection.Clamp);
        Assert.Equal(NoiseMode.PerBatch, config.Selection.Noise); // kept from the preset
        Assert.Equal(LossKind.SoftmaxOutput, config.Loss);
    }

    [Fact]
    public void Unknown_keys_and_wrong_types_name_their_path()
    {
        var unknown = Assert.Throws<ConfigException>(() => RunConfigFile.FromNode(ConfigDocument.Parse("optimizer: { learnign_rate: 0.1 }", "x.yaml")));
        Assert.Contains("learnign_rate", unknown.Message);
        var wrongType = Assert.Throws<ConfigException>(() => RunConfigFile.FromNode(ConfigDocument.Parse("epochs: many", "x.yaml")));
        Assert.Equal("epochs", wrongType.Problems[0].Path);
        var badEnum = Assert.Throws<ConfigException>(() => RunConfigFile.FromNode(ConfigDocument.Parse("selection: { noise: sometimes }", "x.yaml")));
        Assert.StartsWith("selection.noise", badEnum.Problems[0].Path);
    }

    [Fact]
    public void Validation_reports_every_problem_with_its_path()
    {
        var config = Presets.Default with
        {
            Data = new DataSpec("imagenet"),
            Pool = ["relu", "swish", "RELU"],
            Temperature = new TemperatureSpec(Start: -1),
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 30),
            Epochs = 20,
            Hidden = [64, 0],
        };
        var problems = RunConfigValidator.Problems(config).ToDictionary(p => p.Path + ":" + p.Message[..10], p => p);
        var paths = RunConfigValidator.Problems(config).Select(p => p.Path).ToArray();
        Assert.Contains("data.name", paths);
        Assert.Contains("hidden[1]", paths);
        Assert.Contains("temperature.start", paths);
        Assert.Contains("switch.epoch", paths);
        Assert.Equal(2, paths.Count(p => p == "pool")); // unknown 'swish' and the repeated relu
        var unknownActivation = RunConfigValidator.Problems(config).First(p => p.Path == "pool");
        Assert.Contains("valid: relu, sigmoid", unknownActivation.Message);
        Assert.NotEmpty(problems);
    }

    [Theory]
    [InlineData(AssignmentSource.BestValidation, null, SelectionEvaluation.Argmax, "phase_two.assignment")]
    [InlineData(AssignmentSource.AtSwitch, 10.0, SelectionEvaluation.Argmax, "selection.clamp")]
    [InlineData(AssignmentSource.AtSwitch, null, SelectionEvaluation.Sampled, "selection.evaluation")]
    public void Carried_weights_that_would_not_keep_the_function_are_refused_with_the_reason(
        AssignmentSource assignment, double? clamp, SelectionEvaluation evaluation, string path)
    {
        var config = Presets.Default with
        {
            PhaseTwo = new PhaseTwoSpec(assignment, PhaseTwoWeights.Carry),
            Selection = Presets.Default.Selection with { Clamp = clamp, Evaluation = evaluation },
        };
        var problem = Assert.Single(RunConfigValidator.Problems(config));
        Assert.Equal(path, problem.Path);
        Assert.StartsWith("breaks function preservation", problem.Message);
        // The same with fresh phase-2 weights (the reference's choice) is a valid experiment.
        Assert.Empty(RunConfigValidator.Problems(config with { PhaseTwo = config.PhaseTwo with { Weights = PhaseTwoWeights.Fresh } }));
    }

    [Fact]
    public void Both_presets_are_valid_and_the_reference_with_carried_weights_names_all_three_breaks()
    {
        Assert.Empty(RunConfigValidator.Problems(Presets.Default));
        Assert.Empty(RunConfigValidator.Problems(Presets.Reference));
        var carried = Presets.Reference with { PhaseTwo = Presets.Reference.PhaseTwo with { Weights = PhaseTwoWeights.Carry } };
        Assert.Equal(["phase_two.assignment", "selection.clamp", "selection.evaluation"], RunConfigValidator.Problems(carried).Select(p => p.Path));
    }

    [Fact]
    public void Baseline_fields_are_checked_with_their_paths()
    {
        string[] Paths(RunConfig c) => RunConfigValidator.Problems(c).Select(p => p.Path).ToArray();
        Assert.Equal(["baseline"], Paths(Presets.Default with { Fixed = "relu", Baseline = BaselineKind.Random }));
        Assert.Equal(["shuffled_from"], Paths(Presets.Default with { Baseline = BaselineKind.Shuffled }));
        Assert.Equal(["shuffled_from"], Paths(Presets.Default with { Baseline = BaselineKind.Shuffled, ShuffledFrom = "not-a-hash" }));
        Assert.Equal(["shuffled_from"], Paths(Presets.Default with { ShuffledFrom = "0123456789abcdef" }));
        Assert.Equal(["pool"], Paths(Presets.Default with { Baseline = BaselineKind.Soft, Pool = ["relu", "swish"] }));
        Assert.Empty(Paths(Presets.Default with { Baseline = BaselineKind.Shuffled, ShuffledFrom = "0123456789abcdef" }));
        // A baseline does not select: selection-phase settings that would be wrong for a SmartMixed run do not matter.
        Assert.Empty(Paths(Presets.Default with { Baseline = BaselineKind.Random, Switch = new PhaseSwitchSpec(Epoch: 99) }));
    }

    [Fact]
    public void New_fields_have_one_json_form_that_files_and_sweeps_can_set()
    {
        var json = RunConfigJson.Serialize(Presets.Default);
        Assert.Contains("\"baseline\":null", json);
        Assert.Contains("\"shuffled_from\":null", json);
        Assert.Contains("\"epochs_of\":\"whole_run\"", json);
        Assert.Contains("\"role\":\"estimator\"", json);
        Assert.DoesNotContain("is_baseline", json);
        Assert.DoesNotContain("baseline_label", json);

        const string yaml = """
            temperature: { role: exploration }
            baseline: shuffled
            shuffled_from: 0123456789abcdef
            epochs_of: final_network
            """;
        var config = RunConfigFile.FromNode(ConfigDocument.Parse(yaml, "test.yaml"));
        Assert.Equal(TemperatureRole.Exploration, config.Temperature.Role);
        Assert.Equal(0.3, config.Temperature.Start); // the rest of the preset's temperature is kept
        Assert.Equal(BaselineKind.Shuffled, config.Baseline);
        Assert.Equal("0123456789abcdef", config.ShuffledFrom);
        Assert.Equal(EpochsOf.FinalNetwork, config.EpochsOf);
        Assert.Equal(RunConfigHash.Of(config), RunConfigHash.Of(RunConfigJson.Deserialize(RunConfigJson.Serialize(config))));

        var badRole = Assert.Throws<ConfigException>(() => RunConfigFile.FromNode(ConfigDocument.Parse("temperature: { role: exploring }", "x.yaml")));
        Assert.StartsWith("temperature.role", badRole.Problems[0].Path);
    }

    [Fact]
    public void Pool_names_are_case_insensitive_and_keep_their_order()
    {
        var pool = SmartMixed.Training.Activations.CandidatePool.Parse(["SELU", "Relu", "leaky_RELU"]);
        Assert.Equal(["selu", "relu", "leaky_relu"], pool.Names);
        var error = Assert.Throws<ArgumentException>(() => SmartMixed.Training.Activations.CandidatePool.Parse(["relu", "swish"]));
        Assert.Contains("unknown activation 'swish'", error.Message);
        Assert.Contains("identity", error.Message);
    }
}
