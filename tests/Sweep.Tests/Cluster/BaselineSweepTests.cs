using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;

namespace SmartMixed.Sweep.Tests.Cluster;

[Collection(TwoSiloCollection.Name)]
public sealed class BaselineSweepTests(TwoSiloCluster fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_shuffled_baseline_starts_after_its_source_and_trains_on_the_shares_the_source_learned()
    {
        var source = TestSweeps.Tiny(3, epochs: 4) with { Hidden = [24, 12], Pool = ["relu", "tanh", "elu"] };
        var shuffled = source with { Baseline = BaselineKind.Shuffled, ShuffledFrom = RunConfigKeys.Run(source) };
        var random = source with { Baseline = BaselineKind.Random };
        var soft = source with { Baseline = BaselineKind.Soft };
        // The shuffled run comes first in the plan: its shard still holds it back until its source is done.
        await TestSweeps.Submit(Grains, "shuffled", [shuffled, source, random, soft]);
        var status = await TestSweeps.WaitUntilFinished(Grains, "shuffled", TimeSpan.FromMinutes(2));
        Assert.Equal(4, status.Count(RunStatus.Done));

        var rows = await TestSweeps.Rows(Grains, "shuffled");
        var learned = rows.Single(r => r.Spec.Hash == RunConfigKeys.Run(source)).Record!.Outcome;
        var placed = rows.Single(r => r.Spec.Hash == RunConfigKeys.Run(shuffled)).Record!.Outcome;
        Assert.Equal("shuffled", rows.Single(r => r.Spec.Hash == RunConfigKeys.Run(shuffled)).Spec.Baseline);
        Assert.Equal(learned.Functions, placed.Functions);
        Assert.Equal(learned.Selection.Select(l => l.ToArray()), placed.Selection.Select(l => l.ToArray())); // the same shares per layer
        Assert.Equal(["random", "soft"], rows.Where(r => r.Spec.Baseline is "random" or "soft").Select(r => r.Spec.Baseline!).Order());
        Assert.All(rows, r => Assert.NotNull(r.Record!.Outcome.Phase2Steps)); // budgets travel with every outcome
    }
}
