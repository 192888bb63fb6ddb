using Orleans.Configuration;
using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Microsoft.Extensions.DependencyInjection;

namespace SmartMixed.Sweep.Tests.Failover;

public sealed class KillSiloTests
{
    // Long enough (~0.05–0.1 s an epoch) that the sweep, which hears of progress once a second, sees a run mid-training
    // and the kill lands before it ends.
    private const int Epochs = 100;

    private static RunConfig Longer(int seed) => TestSweeps.Tiny(seed, epochs: Epochs) with { Hidden = [512, 256] };

    [Theory]
    [MemberData(nameof(SharedStore.Kinds), MemberType = typeof(SharedStore))]
    public async Task A_run_whose_silo_is_killed_resumes_on_the_other_silo_from_its_checkpoint(string storeKind)
    {
        using var store = new SharedStore(storeKind);
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Services.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = TimeSpan.FromSeconds(1);
            m.NumMissedProbesLimit = 2;
            m.NumVotesForDeathDeclaration = 1;
        }));
        builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(store.SiloOptions(slots: 1)));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var configs = new[] { Longer(1), Longer(2) };
        await TestSweeps.Submit(cluster.Client, "failover", configs);

        // Wait until a run is a few epochs in (and so has checkpoints) with most of its epochs ahead, then kill its silo.
        var victim = await TestSweeps.WaitForRun(cluster.Client, "failover",
            r => r.Status == RunStatus.Running && r.Epoch >= 2 && r.Epoch <= Epochs / 2, TimeSpan.FromMinutes(1));
        var silo = cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == victim.Silo);
        await cluster.KillSiloAsync(silo);

        var status = await TestSweeps.WaitUntilFinished(cluster.Client, "failover", TimeSpan.FromMinutes(2));
        Assert.Equal(SweepState.Completed, status.State);
        var rows = await TestSweeps.Rows(cluster.Client, "failover");
        Assert.Equal(2, rows.Count); // exactly one result per run
        Assert.All(rows, r => Assert.Equal(RunStatus.Done, r.Record!.Outcome.Status));

        var resumed = rows.Single(r => r.Spec.Hash == victim.Hash).Record!;
        Assert.NotNull(resumed.Outcome.ResumedFromEpoch);
        Assert.InRange(resumed.Outcome.ResumedFromEpoch!.Value, 1, Epochs - 1); // not restarted from epoch 1
        Assert.Equal(Epochs, resumed.Curve.Epochs); // one history, no repeats
        Assert.NotEqual(victim.Silo, resumed.Outcome.Silo);

        // Its numbers equal those of an uninterrupted run with the same seed.
        var config = configs.Single(c => RunConfigHash.Of(c) == victim.Hash);
        using var data = new TrainingData(DatasetCatalog.Load(config.Data));
        using var alone = TrainingSession.Start(config, data);
        while (!alone.IsFinished) alone.RunEpoch();
        Assert.Equal(alone.Result().TestAccuracy, resumed.Outcome.TestAccuracy);
        Assert.Equal(alone.History.Select(h => h.ValidationLoss), resumed.Curve.ValidationLoss);
    }
}
