using SmartMixed.Training.Config;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

public class PhaseSwitchRuleTests
{
    private static int FirstSwitch(RunConfig config, params double[] flipRates)
    {
        int calm = 0;
        for (int i = 0; i < flipRates.Length; i++)
            if (PhaseSwitchRule.ShouldSwitch(config, i + 1, flipRates[i], ref calm)) return i + 1;
        return -1;
    }

    [Fact]
    public void Fixed_epoch_switches_exactly_there()
    {
        var config = new RunConfig { Epochs = 10, Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 3) };
        Assert.Equal(3, FirstSwitch(config, 0.5, 0.5, 0.5, 0.5));
    }

    [Fact]
    public void Settled_needs_k_calm_epochs_in_a_row()
    {
        var config = new RunConfig { Epochs = 20, Switch = new PhaseSwitchSpec(SwitchRule.Settled, Epsilon: 0.05, Patience: 3, LatestEpoch: 15) };
        // calm, calm, restless (resets), then three calm in a row → switch after epoch 6.
        Assert.Equal(6, FirstSwitch(config, 0.01, 0.02, 0.2, 0.0, 0.04, 0.01, 0.0));
    }

    [Fact]
    public void Settled_switches_at_the_latest_epoch_even_if_never_calm()
    {
        var config = new RunConfig { Epochs = 20, Switch = new PhaseSwitchSpec(SwitchRule.Settled, Epsilon: 0.01, Patience: 2, LatestEpoch: 4) };
        Assert.Equal(4, FirstSwitch(config, 0.3, 0.3, 0.3, 0.3, 0.3));
    }

    [Fact]
    public void A_switch_at_or_after_the_last_epoch_is_an_error()
    {
        var problems = RunConfigValidator.Problems(new RunConfig { Epochs = 10, Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 10) });
        Assert.Contains(problems, p => p.Path == "switch.epoch" && p.Message.Contains("last epoch"));
    }
}
