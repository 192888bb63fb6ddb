using SmartMixed.Training.Config;
using SmartMixed.Training.Model;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

/// <summary>The baselines that do not select: random, shuffled and soft, with the same budget as any run.</summary>
public class BaselineTests
{
    private static int Batches(TrainingData data, RunConfig config) => (data.TrainCount + config.Optimizer.BatchSize - 1) / config.Optimizer.BatchSize;

    [Fact]
    public void Random_baseline_draws_every_neurons_function_from_the_pool_and_keeps_it()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 3) with { Baseline = BaselineKind.Random };
        using var session = TrainingSession.Start(config, data);
        var reports = Enumerable.Range(0, 3).Select(_ => session.RunEpoch()).ToArray();
        var result = session.Result();

        Assert.True(config.IsBaseline);
        Assert.Equal("random", config.BaselineLabel);
        Assert.All(reports, r => Assert.Equal(2, r.Phase));
        Assert.All(reports, r => Assert.Null(r.Temperature));
        var counts = result.Selection.Select(l => string.Join(",", l.Counts)).ToArray();
        Assert.All(reports, r => Assert.Equal(counts, r.Selection.Select(l => string.Join(",", l.Counts))));
        Assert.All(result.Selection, l => Assert.True(l.Diversity.FunctionsUsed >= 4, $"layer {l.Layer}: {string.Join(",", l.Counts)}"));
        Assert.Equal(0, result.Phase1Steps);
        Assert.Equal(3L * Batches(data, config), result.Phase2Steps);
        Assert.Null(result.SwitchEpoch);

        var again = TestRuns.RunToEnd(config, data).Result;
        var otherSeed = TestRuns.RunToEnd(config with { Seed = 8 }, data).Result;
        Assert.Equal(counts, again.Selection.Select(l => string.Join(",", l.Counts)));
        Assert.NotEqual(counts, otherSeed.Selection.Select(l => string.Join(",", l.Counts)));
    }

    [Fact]
    public void Shuffled_baseline_trains_the_source_runs_layer_shares_and_resumes_without_the_source()
    {
        using var data = TestRuns.SyntheticData();
        var sourceConfig = TestRuns.Small(epochs: 3, switchEpoch: 1);
        var source = TestRuns.RunToEnd(sourceConfig, data).Result;
        var config = sourceConfig with { Baseline = BaselineKind.Shuffled, ShuffledFrom = source.ConfigHash };
        var shares = SourceAssignment.From(source.Selection);

        using var session = TrainingSession.Start(config, data, shares);
        session.RunEpoch();
        var checkpoint = new MemoryStream();
        session.SaveCheckpoint(checkpoint);
        while (!session.IsFinished) session.RunEpoch();
        var result = session.Result();

        Assert.Equal("shuffled", config.BaselineLabel);
        Assert.Equal(source.Selection.Select(l => l.Counts.ToArray()), result.Selection.Select(l => l.Counts.ToArray()));
        Assert.Equal(3L * Batches(data, config), result.Phase2Steps);

        checkpoint.Position = 0;
        using var resumed = TrainingSession.Resume(config, data, checkpoint); // no source: the assignment is in the checkpoint
        while (!resumed.IsFinished) resumed.RunEpoch();
        Assert.Equal(TestRuns.Numbers(session.History), TestRuns.Numbers(resumed.History));
    }

    [Fact]
    public void Shuffled_placement_keeps_the_counts_moves_the_neurons_and_follows_the_seed()
    {
        IReadOnlyList<IReadOnlyList<int>> counts = [[10, 0, 5, 9], [3, 3, 2, 0]];
        var a = BaselineAssignments.Shuffled(counts, seed: 1);
        var b = BaselineAssignments.Shuffled(counts, seed: 2);
        Assert.Equal(a, BaselineAssignments.Shuffled(counts, seed: 1));
        for (int l = 0; l < counts.Count; l++)
        {
            Assert.Equal(counts[l], new LayerAssignment(a[l]).Counts(4));
            Assert.NotEqual(a[l].Order().ToArray(), a[l]); // not left sorted by function
        }
        Assert.NotEqual(a[0], b[0]);
    }

    [Fact]
    public void A_shuffled_baseline_without_fitting_source_shares_is_refused_with_the_reason()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small() with { Baseline = BaselineKind.Shuffled, ShuffledFrom = "0123456789abcdef" };
        var missing = Assert.Throws<ConfigException>(() => TrainingSession.Start(config, data));
        Assert.Equal("shuffled_from", missing.Problems[0].Path);
        Assert.Contains("0123456789abcdef", missing.Message);

        SourceAssignment Counts(params int[][] layers) => new(layers);
        var wrongLayers = Assert.Throws<ConfigException>(() => TrainingSession.Start(config, data, Counts([4, 4, 4, 4, 4, 4])));
        Assert.Contains("1 hidden layers; this run has 2", wrongLayers.Message);
        var wrongPool = Assert.Throws<ConfigException>(() => TrainingSession.Start(config, data, Counts([12, 12], [8, 8])));
        Assert.Contains("the pool has 6 functions", wrongPool.Message);
        var wrongWidth = Assert.Throws<ConfigException>(() => TrainingSession.Start(config, data, Counts([4, 4, 4, 4, 4, 5], [4, 4, 4, 4, 0, 0])));
        Assert.Contains("layer 1 of the source assignment counts 25 neurons; this run's layer has 24", wrongWidth.Message);

        var notShuffled = Assert.Throws<ConfigException>(() => TrainingSession.Start(TestRuns.Small(), data, Counts([4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 0, 0])));
        Assert.Contains("only a shuffled baseline", notShuffled.Message);
    }

    [Fact]
    public void Soft_mixture_trains_every_epoch_without_a_hard_choice_and_reports_its_dominant_functions()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 3) with { Baseline = BaselineKind.Soft, Selection = new SelectionSpec(LogitInit: LogitInit.Zeros) };
        var (numbers, result) = TestRuns.RunToEnd(config, data);
        var again = TestRuns.RunToEnd(config, data);

        Assert.Equal("soft", config.BaselineLabel);
        Assert.Equal(numbers, again.Numbers);
        Assert.Equal(3L * Batches(data, config), result.Phase2Steps);
        Assert.Equal([24, 16], result.Selection.Select(l => l.Neurons));
        // All logits start equal (dominant: the first candidate everywhere); training moves them apart.
        Assert.True(result.Selection[0].Counts[0] < 24, $"the mixture weights moved: {string.Join(",", result.Selection[0].Counts)}");
        Assert.InRange(result.TestAccuracy, 0.5, 1.0);
    }

    [Fact]
    public void Every_baseline_kind_is_a_baseline_with_its_label()
    {
        Assert.Equal("relu", (new RunConfig { Fixed = "ReLU" }).BaselineLabel);
        Assert.True(new RunConfig { Fixed = "relu" }.IsBaseline);
        foreach (var kind in Enum.GetValues<BaselineKind>())
        {
            var config = new RunConfig { Baseline = kind };
            Assert.True(config.IsBaseline);
            Assert.Equal(kind.ToString().ToLowerInvariant(), config.BaselineLabel);
        }
        Assert.False(new RunConfig().IsBaseline);
        Assert.Null(new RunConfig().BaselineLabel);
    }
}
