using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Statistics;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// The arithmetic of early stopping, kept out of the grains: where a run pauses next, when a cell has reached a rung,
/// how a rung decides, and whether a decision stops a cell. Deterministic: the same values give the same decision, so a
/// restarted cluster decides as an uninterrupted one would.
/// </summary>
public static class RungRules
{
    /// <summary>The next rung at which the run must pause for its cell's decision, or null when none applies.</summary>
    public static int? NextRung(EarlyStopping? settings, RunSpec spec, RunEntry entry)
    {
        if (settings is null || entry.Promoted) return null;
        foreach (var rung in settings.Rungs.Order())
            if (rung > entry.PassedRung && EarlyStoppingGroups.Compares(spec, rung)) return rung;
        return null;
    }

    /// <summary>
    /// A cell has reached the rung when none of its planned runs will still report a value there: each waits at the rung,
    /// has ended, was stopped earlier, or was promoted (and no longer pauses).
    /// </summary>
    public static bool Arrived(IEnumerable<RunEntry> cellRuns, int rung) =>
        cellRuns.All(e => (e.Status == RunStatus.Waiting && e.RungEpoch == rung) || e.IsEnded || e.Status == RunStatus.Paused || e.Promoted);

    /// <summary>The metric of an outcome at its last epoch (a waiting run's rung).</summary>
    public static double? Metric(EarlyStopping settings, RunOutcome outcome) =>
        settings.LowerIsBetter ? outcome.ValidationLoss : outcome.ValidationAccuracy;

    /// <summary>
    /// Ranks the cells with values on their mean (best first; ties by cell key), keeps the best ⌈keep·n⌉ (at least one),
    /// and writes the rule down: the last kept cell's mean as the cutoff, and the leader's values per seed.
    /// </summary>
    public static RungDecision Decide(int rung, string group, EarlyStopping settings, IEnumerable<CellRungValues> cells, DateTimeOffset now)
    {
        var valued = cells.Where(c => c.Values.Length > 0).ToList();
        if (valued.Count == 0)
            return new RungDecision(rung, group, settings.Metric, settings.LowerIsBetter, 0, 0, double.NaN, "", [], [], now);
        var ordered = (settings.LowerIsBetter ? valued.OrderBy(c => c.Mean) : valued.OrderByDescending(c => c.Mean))
            .ThenBy(c => c.CellKey, StringComparer.Ordinal).ToList();
        int kept = Math.Clamp((int)Math.Ceiling(settings.Keep * ordered.Count - 1e-9), 1, ordered.Count);
        var leader = ordered[0];
        return new RungDecision(rung, group, settings.Metric, settings.LowerIsBetter, ordered.Count, kept, ordered[kept - 1].Mean,
            leader.CellKey, leader.Seeds, leader.Values, now);
    }

    /// <summary>
    /// Whether the decision stops the cell: it must be stoppable, worse than the cutoff (outside the kept fraction), and
    /// clearly worse than the leader — the 95 % interval of its per-seed differences from the leader (over the seeds both
    /// have) lies wholly on the worse side. Fewer than two common seeds give no interval, so no stop.
    /// </summary>
    public static bool Stops(RungDecision decision, CellRungValues cell)
    {
        if (!cell.Stoppable || cell.Values.Length == 0 || decision.Cells == 0 || cell.CellKey == decision.Leader) return false;
        double mean = cell.Mean;
        bool outside = decision.LowerIsBetter ? mean > decision.Cutoff : mean < decision.Cutoff;
        if (!outside) return false;
        var differences = new List<double>();
        for (int i = 0; i < cell.Seeds.Length; i++)
        {
            int j = Array.IndexOf(decision.LeaderSeeds, cell.Seeds[i]);
            if (j >= 0) differences.Add(cell.Values[i] - decision.LeaderValues[j]);
        }
        if (differences.Count < 2) return false;
        var test = PairedTTest.FromDifferences(differences);
        return decision.LowerIsBetter ? test.CiLow is > 0 : test.CiHigh is < 0;
    }
}
