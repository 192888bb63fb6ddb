using SmartMixed.Client.Specs;
using SmartMixed.Training.Config;

namespace SmartMixed.Sweep.Tests.Specs;

public class SweepSpecTests
{
    internal static SweepSpec Spec(string yaml, string defaultName = "test") => SweepSpec.Parse(yaml, "test.yaml", defaultName);

    internal static IReadOnlyList<ConfigProblem> Problems(string yaml) =>
        Assert.Throws<ConfigException>(() => Spec(yaml)).Problems;

    private const string Base = """
        data: { name: mnist-npm10k, max_train_samples: 2000 }
        epochs: 20
        """;

    [Fact]
    public void Grid_times_seeds_plus_baselines_deduplicated_across_selection_only_cells()
    {
        var plan = Spec(Base + """

            factors:
              pool: [paper6, relu_family]
              temperature: [0.3, 1.0]
            seeds: 2
            baselines: [relu, tanh]
            """).Expand();

        // 2 × 2 points × 2 seeds; the four cells differ only in selection settings, so their baselines are 2 × 2 runs.
        Assert.Equal(12, plan.Runs.Count);
        Assert.Equal(8, plan.Runs.Count(r => !r.IsBaseline));
        Assert.Equal(4, plan.BaselineCount);
        Assert.Equal(6, plan.CellCount);
        Assert.Equal(plan.Runs.Count, plan.Runs.Select(r => r.Hash).Distinct().Count());

        var baselines = plan.Runs.Where(r => r.IsBaseline).ToArray();
        Assert.All(baselines, b =>
        {
            Assert.Equal(Presets.Default.Pool, b.Config.Pool);
            Assert.Equal(Presets.Default.Temperature, b.Config.Temperature);
            Assert.Equal("-", b.Factor("pool"));
            Assert.Equal("-", b.Factor("temperature"));
            Assert.Equal(b.Config.Fixed, b.Factor("fixed"));
            Assert.Equal(20, b.Config.Epochs);
            Assert.Equal(2000, b.Config.Data.MaxTrainSamples);
        });
        Assert.Equal(["relu", "relu", "tanh", "tanh"], baselines.Select(b => b.Config.Fixed));
        Assert.Equal(["1", "2", "1", "2"], baselines.Select(b => b.Factor("seed")));
        // both seeds of one baseline share the cell key
        Assert.Equal(baselines[0].CellKey, baselines[1].CellKey);
        Assert.NotEqual(baselines[0].CellKey, baselines[2].CellKey);
    }

    [Fact]
    public void Baselines_vary_with_non_selection_factors_and_carry_their_labels()
    {
        var plan = Spec(Base + """

            factors:
              hidden: [[64], "32-16"]
              pool: [paper6, [relu, tanh]]
            baselines: [leaky_relu]
            """).Expand();

        Assert.Equal(6, plan.Runs.Count); // 4 cells + one baseline per architecture
        var baselines = plan.Runs.Where(r => r.IsBaseline).ToArray();
        Assert.Equal(2, baselines.Length);
        Assert.Equal(
            [("hidden", "64"), ("pool", "-"), ("seed", "1"), ("fixed", "leaky_relu")],
            baselines[0].Factors.Select(f => (f.Name, f.Value)));
        Assert.Equal([32, 16], baselines[1].Config.Hidden);
        Assert.Equal("leaky_relu", baselines[1].Config.Fixed);
        Assert.True(baselines[1].Config.IsBaseline);
    }

    [Fact]
    public void Expansion_order_and_hashes_are_deterministic()
    {
        const string yaml = Base + """

            factors:
              pool: [paper6, relu_family]
              switch: [3, 5]
            seeds: [7, 9]
            """;
        var first = Spec(yaml).Expand();
        var second = Spec(yaml).Expand();

        Assert.Equal(first.Runs.Select(r => r.Hash), second.Runs.Select(r => r.Hash));
        // the first factor varies slowest, the seed fastest
        Assert.Equal(
            ["paper6/3/7", "paper6/3/9", "paper6/5/7", "paper6/5/9", "relu_family/3/7", "relu_family/3/9", "relu_family/5/7", "relu_family/5/9"],
            first.Runs.Select(r => $"{r.Factor("pool")}/{r.Factor("switch")}/{r.Factor("seed")}"));
        foreach (var run in first.Runs)
        {
            Assert.Equal(RunConfigHash.Of(run.Config), run.Hash);
            Assert.Equal(RunConfigHash.Of(run.Config with { Seed = 0 }), run.CellKey);
            var spec = run.ToRunSpec();
            Assert.Equal(run.Hash, spec.Hash);
            Assert.Equal(run.Hash, RunConfigHash.Of(RunConfigJson.Deserialize(spec.ConfigJson)));
            Assert.Equal(run.Factors, spec.Factors);
        }
        Assert.Equal(first.Runs[0].CellKey, first.Runs[1].CellKey);
        Assert.NotEqual(first.Runs[0].CellKey, first.Runs[2].CellKey);
        Assert.Equal([7, 9, 7, 9], first.Runs.Take(4).Select(r => r.Config.Seed));
    }

    [Fact]
    public void Layers_apply_in_order_preset_data_epochs_fixed_factors_seed()
    {
        var plan = Spec("""
            name: order
            description: layering
            preset: reference
            data: { name: mnist-npm10k, max_train_samples: 500 }
            epochs: 30
            fixed:
              hidden: [128, 64]
              optimizer: { learning_rate: 0.001, beta1: 0.8 }
              switch: { epoch: 4 }
            factors:
              optimizer.learning_rate: [0.01]
            seeds: [5]
            """).Expand();

        Assert.Equal("order", plan.SweepId);
        Assert.Equal("layering", plan.Description);
        var c = Assert.Single(plan.Runs).Config;
        Assert.Equal("reference", c.Preset);
        Assert.Equal(LossKind.SoftmaxOutput, c.Loss);                 // preset
        Assert.Equal(NoiseMode.PerBatch, c.Selection.Noise);           // preset
        Assert.Equal(500, c.Data.MaxTrainSamples);                     // data over the preset's data
        Assert.Equal(42, c.Data.SplitSeed);
        Assert.Equal(30, c.Epochs);                                    // epochs over the preset's 400
        Assert.Equal([128, 64], c.Hidden);                             // fixed
        Assert.Equal(0.8, c.Optimizer.Beta1);                          // fixed, merged deeply
        Assert.Equal(1.0, c.Optimizer.ClipNorm);                       // preset, kept by the deep merge
        Assert.Equal(4, c.Switch.Epoch);
        Assert.Equal(0.01, c.Optimizer.LearningRate);                  // the factor over fixed
        Assert.Equal(5, c.Seed);                                       // seeds over the preset's 42
    }

    [Fact]
    public void Dotted_paths_set_any_run_config_field()
    {
        var plan = Spec(Base + """

            factors:
              phase_two.weights: [fresh, carry]
              optimizer.learning_rate: [0.001, 1e-2]
              optimizer.clip_norm: [null, 10]
            """).Expand();

        Assert.Equal(8, plan.Runs.Count);
        Assert.Equal(PhaseTwoWeights.Fresh, plan.Runs[0].Config.PhaseTwo.Weights);
        Assert.Equal(PhaseTwoWeights.Carry, plan.Runs[^1].Config.PhaseTwo.Weights);
        Assert.Equal(0.01, plan.Runs[^1].Config.Optimizer.LearningRate);
        Assert.Null(plan.Runs[0].Config.Optimizer.ClipNorm);
        Assert.Equal(10.0, plan.Runs[1].Config.Optimizer.ClipNorm);
        Assert.Equal(["fresh", "0.001", "null", "1"], plan.Runs[0].Factors.Select(f => f.Value));
        Assert.Equal(["carry", "0.01", "10", "1"], plan.Runs[^1].Factors.Select(f => f.Value));
    }

    [Fact]
    public void Shorthands_of_pool_temperature_switch_and_architecture()
    {
        var spec = Spec(Base + """

            factors:
              pool: [relu_family, [ReLU, tanh]]
              temperature: [0.5, {schedule: exponential, start: 1.0, floor: 0.1, decay_rate: 0.99}]
              switch: [3, settled, {rule: settled, epsilon: 0.02, patience: 2, latest_epoch: 5}]
              architecture: [[128, 64], "256-128"]
            """);
        Assert.Equal(["relu_family", "relu,tanh"], spec.Factors[0].Labels);
        Assert.Equal(["0.5", "exponential(1→0.1)"], spec.Factors[1].Labels);
        Assert.Equal(["3", "settled", "settled(epsilon=0.02,patience=2,latest_epoch=5)"], spec.Factors[2].Labels);
        Assert.Equal(["128-64", "256-128"], spec.Factors[3].Labels);
        Assert.Equal("hidden", spec.Factors[3].Path);
        Assert.Equal(2 * 2 * 3 * 2, spec.GridSize);

        var runs = spec.Expand().Runs;
        RunConfig Find(string pool, string temperature, string @switch, string hidden) => runs.Single(r =>
            r.Factor("pool") == pool && r.Factor("temperature") == temperature && r.Factor("switch") == @switch && r.Factor("architecture") == hidden).Config;

        var a = Find("relu_family", "0.5", "3", "128-64");
        Assert.Equal(["relu", "leaky_relu", "elu", "selu"], a.Pool);
        Assert.Equal(new TemperatureSpec(ScheduleKind.Constant, 0.5, 0.5), a.Temperature);
        Assert.Equal(new PhaseSwitchSpec(SwitchRule.Epoch, 3), a.Switch);
        Assert.Equal([128, 64], a.Hidden);

        var b = Find("relu,tanh", "exponential(1→0.1)", "settled", "256-128");
        Assert.Equal(["relu", "tanh"], b.Pool); // canonical names
        Assert.Equal(new TemperatureSpec(ScheduleKind.Exponential, 1.0, 0.1, 0.99), b.Temperature);
        Assert.Equal(new PhaseSwitchSpec(SwitchRule.Settled), b.Switch);
        Assert.Equal([256, 128], b.Hidden);

        var c = Find("relu,tanh", "0.5", "settled(epsilon=0.02,patience=2,latest_epoch=5)", "128-64");
        Assert.Equal(new PhaseSwitchSpec(SwitchRule.Settled, 10, 0.02, 2, 5), c.Switch);
    }

    [Fact]
    public void A_preset_factor_varies_the_base_of_each_run()
    {
        var plan = Spec(Base + """

            fixed: { switch: { epoch: 5 } }
            factors:
              preset: [default, reference]
            """).Expand();

        Assert.Equal(["default", "reference"], plan.Runs.Select(r => r.Config.Preset));
        Assert.Equal([LossKind.Logits, LossKind.SoftmaxOutput], plan.Runs.Select(r => r.Config.Loss));
        Assert.All(plan.Runs, r => Assert.Equal(20, r.Config.Epochs));
        Assert.All(plan.Runs, r => Assert.Equal(1, r.Config.Seed));
    }

    [Fact]
    public void Json_form_gives_the_same_plan_as_yaml()
    {
        var yaml = Spec("""
            name: same
            data: { name: mnist-npm10k }
            epochs: 12
            fixed: { optimizer: { learning_rate: 0.002 } }
            factors:
              pool: [paper6, [relu, tanh]]
              temperature: [0.3, {schedule: cosine, start: 2, floor: 0.5}]
              switch: [4, settled]
              hidden: ["64-32"]
            seeds: 2
            baselines: [relu]
            """).Expand();
        var json = Spec("""
            {
              "name": "same",
              "data": { "name": "mnist-npm10k" },
              "epochs": 12,
              "fixed": { "optimizer": { "learning_rate": 0.002 } },
              "factors": {
                "pool": ["paper6", ["relu", "tanh"]],
                "temperature": [0.3, { "schedule": "cosine", "start": 2, "floor": 0.5 }],
                "switch": [4, "settled"],
                "hidden": ["64-32"]
              },
              "seeds": 2,
              "baselines": ["relu"]
            }
            """).Expand();

        Assert.Equal(8 * 2 + 2, yaml.Runs.Count);
        Assert.Equal(yaml.Runs.Select(r => r.Hash), json.Runs.Select(r => r.Hash));
        Assert.Equal(yaml.Runs.Select(r => r.CellKey), json.Runs.Select(r => r.CellKey));
        Assert.Equal(yaml.Runs.SelectMany(r => r.Factors), json.Runs.SelectMany(r => r.Factors));
    }

    [Fact]
    public void Identical_runs_appear_once()
    {
        // 0.3 and the mapping resolve to the same temperature on the default preset: one run, the first one.
        var plan = Spec(Base + """

            factors:
              temperature: [0.3, {schedule: constant, start: 0.3}]
            """).Expand();

        var run = Assert.Single(plan.Runs);
        Assert.Equal("0.3", run.Factor("temperature"));
    }

    [Fact]
    public void Without_factors_the_base_config_runs_alone_with_its_baselines()
    {
        var spec = Spec("""
            data: { name: mnist-npm10k }
            epochs: 20
            seeds: 3
            baselines: [relu]
            """, defaultName: "Paper Protocol");

        Assert.Equal("paper-protocol", spec.Name);
        var plan = spec.Expand();
        Assert.Equal("paper-protocol", plan.SweepId);
        Assert.Equal(6, plan.Runs.Count);
        Assert.Equal([("seed", "1")], plan.Runs[0].Factors.Select(f => (f.Name, f.Value)));
    }
}
