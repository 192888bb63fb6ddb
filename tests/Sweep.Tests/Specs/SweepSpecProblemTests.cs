using SmartMixed.Client.Specs;
using SmartMixed.Training.Config;
using static SmartMixed.Sweep.Tests.Specs.SweepSpecTests;

namespace SmartMixed.Sweep.Tests.Specs;

public class SweepSpecProblemTests
{
    [Fact]
    public void A_spec_with_many_mistakes_reports_every_one_at_its_path()
    {
        var problems = Problems("""
            name: Bad Name
            data: { name: mnist-xx, max_train_samples: -5 }
            epochs: 50
            epochz: 3
            fixed:
              optimizer: { learnign_rate: 0.01 }
              hidden: [128, "x"]
            factors:
              pool: [paper6, nope, [relu, swish]]
              temperature: [0.3, -1, {schedule: exponential, start: 0.5, floor: 0.9}]
              switch: [3, 60, sometimes]
              hidden: []
              optimizer.learnig_rate: [0.1]
            seeds: [1, 1, -2]
            baselines: [relu, swishh]
            random: { count: 0, ranges: { temperature.start: { min: 2, max: 1 } } }
            """);

        Assert.Equal(
            new[]
            {
                "name", "epochz", "data.name", "data.max_train_samples",
                "fixed.optimizer.learnign_rate", "fixed.hidden[1]",
                "factors.pool[1]", "factors.pool[2]", "factors.temperature[1]", "factors.temperature[2]",
                "factors.switch[1]", "factors.switch[2]", "factors.hidden", "factors.optimizer.learnig_rate",
                "seeds[1]", "seeds[2]", "baselines[1]", "random.count", "random.ranges.temperature.start.min",
            }.Order(),
            problems.Select(p => p.Path).Order());
        Assert.Equal(problems.Count, problems.Distinct().Count());

        string At(string path) => string.Join(" | ", problems.Where(p => p.Path == path).Select(p => p.Message));
        Assert.Contains("did you mean 'epochs'", At("epochz"));
        Assert.Contains("did you mean 'learning_rate'", At("fixed.optimizer.learnign_rate"));
        Assert.Contains("did you mean 'learning_rate'", At("factors.optimizer.learnig_rate"));
        Assert.Contains("unknown data set 'mnist-xx'", At("data.name"));
        Assert.Contains("unknown named pool 'nope'", At("factors.pool[1]"));
        Assert.Contains("unknown activation 'swish'; valid: relu", At("factors.pool[2]"));
        Assert.Contains("τ must be > 0", At("factors.temperature[1]"));
        Assert.Contains("above the start", At("factors.temperature[2]"));
        Assert.StartsWith("the switch at epoch 60 is not before the last epoch (50)", At("factors.switch[1]"));
        Assert.Contains("appears twice", At("seeds[1]"));
        Assert.Contains("zero or positive", At("seeds[2]"));
        Assert.Contains("unknown activation 'swishh'", At("baselines[1]"));
        Assert.Contains("above max", At("random.ranges.temperature.start.min"));
    }

    [Fact]
    public void Top_level_shape_problems()
    {
        var problems = Problems("""
            name: 42
            preset: defualt
            description: [a]
            fixed: 3
            factors: {}
            seeds: 0
            baselines: relu
            random_seed: 4
            """);
        Assert.Equal(
            new[] { "name", "preset", "description", "data", "epochs", "fixed", "factors", "seeds", "random_seed" }.Order(),
            problems.Select(p => p.Path).Order());
        Assert.Contains("did you mean 'default'", problems.Single(p => p.Path == "preset").Message);
        Assert.Contains("grid is empty", problems.Single(p => p.Path == "factors").Message);
    }

    [Fact]
    public void A_run_config_problem_maps_to_the_spec_key_that_set_the_value()
    {
        // The default preset switches at epoch 10, not before a 6-epoch budget: the value comes from the preset.
        var fromPreset = Assert.Single(Problems("data: { name: mnist-npm10k }\nepochs: 6\n"));
        Assert.Equal("preset", fromPreset.Path);
        Assert.StartsWith("switch.epoch (from preset 'default'): the switch at epoch 10", fromPreset.Message);

        var fromFixed = Problems("""
            data: { name: mnist-npm10k }
            epochs: 6
            fixed: { switch: { epoch: 6 }, optimizer: { batch_size: 0, learning_rate: fast } }
            """);
        Assert.Equal(new[] { "fixed.optimizer.batch_size", "fixed.optimizer.learning_rate", "fixed.switch.epoch" },
            fromFixed.Select(p => p.Path).Order());
        Assert.Equal("must be a number, got \"fast\"", fromFixed.Single(p => p.Path == "fixed.optimizer.learning_rate").Message);

        var fromFactor = Problems("""
            data: { name: mnist-npm10k }
            epochs: 12
            factors:
              phase_two.weights: [fresh, crry]
              data.name: [mnist-npm10k, mnist-zz]
              optimizer: [{ learning_rate: -1 }]
              temperature: [{ schedule: exponential, start: 1, floor: 0.1, decay_rate: 2 }]
            """);
        Assert.Equal(new[] { "factors.data.name[1]", "factors.optimizer[0]", "factors.phase_two.weights[1]", "factors.temperature[0]" },
            fromFactor.Select(p => p.Path).Order());
        Assert.Contains("one of fresh, carry", fromFactor.Single(p => p.Path == "factors.phase_two.weights[1]").Message);
        Assert.StartsWith("optimizer.learning_rate: must be positive", fromFactor.Single(p => p.Path == "factors.optimizer[0]").Message);
        Assert.StartsWith("temperature.decay_rate: must be in (0, 1]", fromFactor.Single(p => p.Path == "factors.temperature[0]").Message);
    }

    [Fact]
    public void Factor_value_shapes_are_checked()
    {
        var problems = Problems("""
            data: { name: mnist-npm10k }
            epochs: 20
            fixed: { switch: { epoch: 5 } }
            factors:
              pool: [relu, 3]
              temperature: [hot]
              switch: [2.5, [3]]
              hidden: [128, "12x8", [64, a]]
              preset: [reference, fancy]
              seed: [1, 2]
              architecture: [[8]]
              bogus.path: [1]
              epochs: 5
              threads: [1, 1]
            """);
        Assert.Equal(
            new[]
            {
                "factors.pool[0]", "factors.pool[1]", "factors.temperature[0]", "factors.switch[0]", "factors.switch[1]",
                "factors.hidden[0]", "factors.hidden[1]", "factors.hidden[2]", "factors.preset[1]", "factors.seed",
                "factors.architecture", "factors.bogus.path", "factors.epochs", "factors.threads[1]",
            }.Order(),
            problems.Select(p => p.Path).Order());
        Assert.Contains("written [relu]", problems.Single(p => p.Path == "factors.pool[0]").Message);
        Assert.Contains("write [128]", problems.Single(p => p.Path == "factors.hidden[0]").Message);
    }

    [Fact]
    public void Random_and_range_problems()
    {
        var problems = Problems("""
            data: { name: mnist-npm10k }
            epochs: 20
            factors: { pool: [paper6] }
            random:
              count: 3
              sed: 1
              ranges:
                temperature.start: { min: 0, max: 1, log: true }
                switch.epoch: { min: 2, max: 5, integer: false }
                optimizer.beta1: { min: 0.8 }
                loss: { min: 1, max: 2 }
                pool: { min: 1, max: 2 }
                optimizer.lr: { min: 1, max: 2 }
                hidden: { min: 1, max: 2 }
                selection.clamp: { min: 1, max: 2, step: 1 }
            """);
        Assert.Equal(
            new[]
            {
                "random.sed", "random.ranges.temperature.start.min", "random.ranges.switch.epoch.integer",
                "random.ranges.optimizer.beta1.max", "random.ranges.loss", "random.ranges.pool", "random.ranges.optimizer.lr",
                "random.ranges.hidden", "random.ranges.selection.clamp.step",
            }.Order(),
            problems.Select(p => p.Path).Order());
        Assert.Contains("log-uniform range needs min > 0", problems.Single(p => p.Path == "random.ranges.temperature.start.min").Message);
    }

    [Fact]
    public void Names_and_files()
    {
        Assert.Contains("not a sweep id", Assert.Single(Problems("name: Quick Demo\ndata: { name: mnist-npm10k }\nepochs: 20\n")).Message);
        Assert.Equal("quick_1.b", Spec("data: { name: mnist-npm10k }\nepochs: 20\n", "Quick_1.b").Name);

        var dir = Directory.CreateTempSubdirectory("sweep-spec-");
        try
        {
            var path = Path.Combine(dir.FullName, "my-sweep.yaml");
            File.WriteAllText(path, "data: { name: mnist-npm10k }\nepochs: 20\nfactors: { switch: [2, 4] }\n");
            var plan = SweepSpec.LoadPlan(path);
            Assert.Equal("my-sweep", plan.SweepId);
            Assert.Equal(2, plan.Runs.Count);
            Assert.Equal(plan.Runs.Select(r => r.Hash), SweepSpec.Load(path).Expand().Runs.Select(r => r.Hash));
            Assert.Equal("", Assert.Single(Assert.Throws<ConfigException>(() => SweepSpec.Load(Path.Combine(dir.FullName, "none.yaml"))).Problems).Path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Syntax_errors_and_non_mappings_are_reported()
    {
        Assert.Contains("line", Assert.Single(Problems("data: [unclosed\n")).Message);
        Assert.Contains("mapping", Assert.Single(Problems("- a\n- b\n")).Message);
    }
}
