using SmartMixed.Training.Config;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Config;

public class RunConfigTests
{
    [Fact]
    public void Hash_is_stable_across_processes_and_versions()
    {
        // Golden values: a change here changes the identity of every stored run. Change deliberately or not at all.
        Assert.Equal("3513d5b686efcd5a", RunConfigHash.Of(Presets.Default));
        Assert.Equal("ed8a3c70d00843dc", RunConfigHash.Of(Presets.Reference));
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

    [Fact]
    public void Pool_names_are_case_insensitive_and_keep_their_order()
    {
        var pool = Activations.CandidatePool.Parse(["SELU", "Relu", "leaky_RELU"]);
        Assert.Equal(["selu", "relu", "leaky_relu"], pool.Names);
        var error = Assert.Throws<ArgumentException>(() => Activations.CandidatePool.Parse(["relu", "swish"]));
        Assert.Contains("unknown activation 'swish'", error.Message);
        Assert.Contains("identity", error.Message);
    }
}
