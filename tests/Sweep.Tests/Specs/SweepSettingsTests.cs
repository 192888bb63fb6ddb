using SmartMixed.GrainInterfaces;
using static SmartMixed.Sweep.Tests.Specs.SweepSpecTests;

namespace SmartMixed.Sweep.Tests.Specs;

/// <summary>Settings a spec gives the sweep as a whole: not part of any run's config or hash.</summary>
public class SweepSettingsTests
{
    private const string Base = """
        data: { name: synthetic }
        epochs: 4
        fixed: { switch: { rule: epoch, epoch: 2 } }
        factors: { temperature: [0.3, 1.0] }
        baselines: [relu, leaky_relu]
        """;

    [Fact]
    public void Defaults_checkpoint_every_30_seconds_and_compare_with_the_best_baseline_on_validation()
    {
        var plan = Spec(Base).Expand();
        Assert.Equal(SweepSettings.DefaultCheckpointSeconds, plan.Settings.CheckpointSeconds);
        Assert.Null(plan.Settings.CompareTo);
    }

    [Fact]
    public void Checkpoint_cadence_and_declared_comparisons_are_read_without_changing_the_runs()
    {
        var plain = Spec(Base).Expand();
        var plan = Spec(Base + "\ncheckpoint_seconds: 0\ncompare_to: ['leaky_relu ']\n").Expand();
        Assert.Equal(0, plan.Settings.CheckpointSeconds);
        Assert.Equal(["leaky_relu"], plan.Settings.CompareTo!);
        Assert.Equal(plain.Runs.Select(r => r.Hash), plan.Runs.Select(r => r.Hash));
    }

    [Fact]
    public void Early_stopping_is_off_by_default_and_read_with_fractions_and_metric()
    {
        Assert.Null(Spec(Base).Expand().Settings.EarlyStopping);
        var es = Spec(Base + "\nearly_stopping: { rungs: [1, 3], keep: 1/3, metric: validation_accuracy }\n").Expand().Settings.EarlyStopping!;
        Assert.Equal([1, 3], es.Rungs);
        Assert.Equal(1.0 / 3, es.Keep, 12);
        Assert.False(es.LowerIsBetter);
        Assert.Equal(GrainInterfaces.EarlyStopping.ValidationLoss, Spec(Base + "\nearly_stopping: { rungs: [2], keep: 0.5 }\n").Expand().Settings.EarlyStopping!.Metric);
    }

    [Theory]
    [InlineData("early_stopping: { rungs: [2, 1], keep: 0.5 }", "early_stopping.rungs[1]", "rungs must increase")]
    [InlineData("early_stopping: { rungs: [4], keep: 0.5 }", "early_stopping.rungs[0]", "not before the last epoch (4)")]
    [InlineData("early_stopping: { rungs: [0], keep: 0.5 }", "early_stopping.rungs[0]", "≥ 1")]
    [InlineData("early_stopping: { rungs: [2], keep: 1 }", "early_stopping.keep", "between 0 and 1")]
    [InlineData("early_stopping: { rungs: [2], keep: 1/0 }", "early_stopping.keep", "between 0 and 1")]
    [InlineData("early_stopping: { rungs: [2] }", "early_stopping.keep", "required")]
    [InlineData("early_stopping: { keep: 0.5 }", "early_stopping.rungs", "required")]
    [InlineData("early_stopping: { rungs: [2], keep: 0.5, metric: test_accuracy }", "early_stopping.metric", "validation_loss or validation_accuracy")]
    [InlineData("early_stopping: { rungs: [2], keep: 0.5, rung: 3 }", "early_stopping.rung", "did you mean 'rungs'")]
    [InlineData("early_stopping: yes", "early_stopping", "must be a mapping")]
    [InlineData("early_stopping:", "early_stopping", "must be a mapping")]
    public void Bad_early_stopping_is_reported_with_its_path(string line, string path, string message)
    {
        var problem = Assert.Single(Problems(Base + "\n" + line + "\n"));
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Early_stopping_is_refused_beside_a_shuffled_baseline()
    {
        var problem = Assert.Single(Problems(Base.Replace("baselines: [relu, leaky_relu]", "baselines: [relu, shuffled]") +
            "\nearly_stopping: { rungs: [2], keep: 0.5 }\n"));
        Assert.Equal("early_stopping", problem.Path);
        Assert.Contains("cannot be combined with the shuffled baseline", problem.Message);
    }

    [Theory]
    [InlineData("checkpoint_seconds: -1", "checkpoint_seconds", "from 0")]
    [InlineData("checkpoint_seconds: soon", "checkpoint_seconds", "whole number")]
    [InlineData("compare_to: [tanh]", "compare_to[0]", "not one of the spec's baselines (relu, leaky_relu)")]
    [InlineData("compare_to: {relu: 1}", "compare_to", "must name one or more")]
    public void Bad_settings_are_reported_with_their_path(string line, string path, string message)
    {
        var problem = Assert.Single(Problems(Base + "\n" + line + "\n"));
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }
}
