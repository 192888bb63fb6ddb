using SmartMixed.Training.Config;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

public class TrainingSessionTests
{
    [Fact]
    public void Two_phase_run_reports_phases_switch_and_selection_per_epoch()
    {
        using var data = TestRuns.SyntheticData();
        var (_, result) = TestRuns.RunToEnd(TestRuns.Small(epochs: 4, switchEpoch: 2), data);
        using var session = TrainingSession.Start(TestRuns.Small(epochs: 4, switchEpoch: 2), data);
        var reports = Enumerable.Range(0, 4).Select(_ => session.RunEpoch()).ToArray();

        Assert.Equal([1, 1, 2, 2], reports.Select(r => r.Phase));
        Assert.All(reports.Take(2), r => { Assert.NotNull(r.Temperature); Assert.NotNull(r.FlipRate); });
        Assert.All(reports.Skip(2), r => { Assert.Null(r.Temperature); Assert.Null(r.FlipRate); });
        Assert.All(reports, r => Assert.Equal([24, 16], r.Selection.Select(l => l.Neurons)));
        // After the switch the selection is frozen.
        Assert.Equal(reports[2].Selection.Select(l => string.Join(",", l.Counts)), reports[3].Selection.Select(l => string.Join(",", l.Counts)));

        Assert.Equal(2, result.SwitchEpoch);
        Assert.InRange(result.BestEpoch, 3, 4);
        Assert.InRange(result.TestAccuracy, 0.5, 1.0); // synthetic data is learnable in a few epochs
        Assert.Equal(16, result.ConfigHash.Length);
    }

    [Fact]
    public void A_fixed_baseline_uses_one_function_everywhere_and_never_switches()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small() with { Fixed = "tanh" };
        var (_, result) = TestRuns.RunToEnd(config, data);
        Assert.Null(result.SwitchEpoch);
        Assert.All(result.Selection, l => Assert.Equal(["tanh"], l.Functions));
        Assert.All(result.Selection, l => Assert.Equal(1, l.Diversity.FunctionsUsed));
    }

    [Fact]
    public void A_diverging_run_fails_with_a_reason_and_keeps_the_epochs_it_finished()
    {
        using var data = TestRuns.SyntheticData();
        // An absurd learning rate without clipping sends the loss to infinity or NaN.
        var config = TestRuns.Small(epochs: 6, switchEpoch: 3) with
        {
            Optimizer = new OptimizerSpec(LearningRate: 1e12, ClipNorm: null, BatchSize: 64),
            Fixed = "identity",
            Hidden = [64, 64],
        };
        using var session = TrainingSession.Start(config, data);
        var error = Assert.Throws<TrainingDivergedException>(() => { while (!session.IsFinished) session.RunEpoch(); });
        Assert.Contains("diverged", error.Message);
        Assert.Equal(error.Epoch - 1, session.History.Count);
    }

    [Fact]
    public void Reference_preset_trains_with_its_questionable_choices()
    {
        using var data = TestRuns.SyntheticData();
        var config = Presets.Reference with
        {
            Data = new SmartMixed.Training.Data.DataSpec("synthetic"),
            Hidden = [24, 16],
            Epochs = 3,
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, 2),
            Optimizer = Presets.Reference.Optimizer with { LearningRate = 1e-3 },
        };
        var (numbers, result) = TestRuns.RunToEnd(config, data);
        // The double softmax bounds the loss from below by about 1.46 for 10 classes.
        Assert.True(result.ValidationLoss > 1.4, $"validation loss {result.ValidationLoss}");
        Assert.Equal(2, result.SwitchEpoch);
        Assert.NotEmpty(numbers);
    }

    [Fact]
    public void Cancellation_stops_between_batches()
    {
        using var data = TestRuns.SyntheticData();
        using var session = TrainingSession.Start(TestRuns.Small(), data);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => session.RunEpoch(cancelled.Token));
        Assert.Equal(0, session.EpochsCompleted);
    }
}
