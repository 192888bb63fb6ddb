using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Client.Specs;

/// <summary>The one place a run config becomes the run spec a sweep schedules: its keys and what the shards need of it.</summary>
public static class RunSpecs
{
    public static RunSpec For(RunConfig config, IEnumerable<FactorValue> factors, string? source = null) => new(
        RunConfigKeys.Run(config),
        RunConfigJson.Serialize(config),
        RunConfigKeys.Cell(config),
        RunConfigKeys.Setting(config),
        config.BaselineLabel,
        factors.ToArray(),
        config.Seed,
        TrainingSession.PlannedEpochs(config),
        source ?? config.ShuffledFrom,
        SwitchEpoch: config.IsBaseline ? null : config.Switch.Rule == SwitchRule.Epoch ? config.Switch.Epoch : RunConfigValidator.SwitchLatest(config),
        Stoppable: !config.IsBaseline && !string.Equals(config.Preset, "reference", StringComparison.OrdinalIgnoreCase));
}
