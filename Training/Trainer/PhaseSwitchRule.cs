using SmartMixed.Training.Config;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// Decides, after each selection-phase epoch, whether the selection freezes now: at a fixed epoch, or once the
/// flip rate has stayed below ε for k epochs in a row (and at the latest epoch regardless).
/// </summary>
public static class PhaseSwitchRule
{
    /// <param name="calmEpochs">Consecutive calm epochs so far; updated (it is part of the checkpointed state).</param>
    public static bool ShouldSwitch(RunConfig config, int epoch, double flipRate, ref int calmEpochs)
    {
        var rule = config.Switch;
        if (rule.Rule == SwitchRule.Epoch) return epoch >= rule.Epoch;
        calmEpochs = flipRate < rule.Epsilon ? calmEpochs + 1 : 0;
        return calmEpochs >= rule.Patience || epoch >= RunConfigValidator.SwitchLatest(config);
    }
}
