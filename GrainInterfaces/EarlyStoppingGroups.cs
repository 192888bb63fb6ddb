namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Which cells a rung compares: the SmartMixed cells of one setting that train past the rung, split by their switch
/// epoch while the rung comes before it (their selection is still changing, so only cells that switch together are
/// comparable). The submitter counts each group's cells with this; the shards report their cells' arrival with it.
/// </summary>
public static class EarlyStoppingGroups
{
    /// <summary>True when the run's cell takes part in the rung's comparison.</summary>
    public static bool Compares(RunSpec spec, int rung) => !spec.IsBaseline && spec.Epochs > rung;

    public static string Group(RunSpec spec, int rung) =>
        spec.SwitchEpoch is { } s && rung <= s ? $"{spec.SettingKey}-s{s}" : $"{spec.SettingKey}-fixed";

    /// <summary>Key of the grain that decides one rung of one group.</summary>
    public static string RungKey(string sweepId, int rung, string group) => $"{SweepIds.Check(sweepId)}/{rung}/{group}";
}
