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
    public void Step_budgets_count_each_phase()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 4, switchEpoch: 1);
        var result = TestRuns.RunToEnd(config, data).Result;
        long batches = (data.TrainCount + 63) / 64;
        Assert.Equal(1 * batches, result.Phase1Steps);
        Assert.Equal(3 * batches, result.Phase2Steps);
    }

    [Fact]
    public void Epochs_of_the_final_network_put_the_selection_phase_on_top()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 2, switchEpoch: 3) with { EpochsOf = EpochsOf.FinalNetwork };
        Assert.Empty(RunConfigValidator.Problems(config)); // the switch may come after `epochs` here
        using var session = TrainingSession.Start(config, data);
        Assert.Equal(5, session.TotalEpochs);
        while (!session.IsFinished) session.RunEpoch();
        var result = session.Result();
        long batches = (data.TrainCount + 63) / 64;
        Assert.Equal([1, 1, 1, 2, 2], session.History.Select(e => e.Phase));
        Assert.Equal(3 * batches, result.Phase1Steps);
        Assert.Equal(2 * batches, result.Phase2Steps);

        // A baseline with the same `epochs` gets exactly phase 2's budget.
        var baseline = TestRuns.RunToEnd(config with { Fixed = "relu" }, data).Result;
        Assert.Equal(result.Phase2Steps, baseline.Phase2Steps);
    }

    [Fact]
    public void Sampled_evaluation_draws_noise_once_per_training_sized_batch()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 3, switchEpoch: 2) with
        {
            Selection = new SelectionSpec(NoiseMode.PerBatch, SelectionEvaluation.Sampled),
            PhaseTwo = new PhaseTwoSpec(AssignmentSource.BestValidation, PhaseTwoWeights.Fresh),
        };
        using var session = TrainingSession.Start(config, data);
        session.RunEpoch();
        long validation = data.ValidationY.shape[0];
        long batches = (validation + 63) / 64;
        Assert.True(batches >= 4, $"{validation} validation samples");
        // Two selecting layers, one draw each per evaluation batch (one 2,048 batch would have drawn once).
        Assert.Equal(2 * batches, session.EvaluationNoise.Calls);
    }

    [Fact]
    public void The_temperatures_role_changes_what_is_trained()
    {
        using var data = TestRuns.SyntheticData();
        var estimator = TestRuns.Small(epochs: 2, switchEpoch: 1) with { Temperature = new TemperatureSpec(Start: 3, Floor: 3) };
        var exploration = estimator with { Temperature = estimator.Temperature with { Role = TemperatureRole.Exploration } };
        Assert.NotEqual(RunConfigHash.Of(estimator), RunConfigHash.Of(exploration));
        Assert.NotEqual(TestRuns.RunToEnd(estimator, data).Numbers, TestRuns.RunToEnd(exploration, data).Numbers);
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
