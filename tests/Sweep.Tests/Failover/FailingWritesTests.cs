using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Storage;
using SmartMixed.Sweep.Tests.Cluster;

namespace SmartMixed.Sweep.Tests.Failover;

public sealed class FailingWritesTests
{
    [Fact]
    public async Task Failed_writes_are_retried_or_surfaced_and_never_count_a_run_twice_or_lose_it()
    {
        using var store = new SharedStore("sqlite");
        FaultyGrainStorage? faulty = null;
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSmartMixedSweeps(store.SiloOptions(slots: 2));
            // One faulty wrapper over the shared SQLite file for every silo: a quarter of all writes fail once armed.
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sweeps, (sp, key) => faulty ??= new FaultyGrainStorage(
                new SqliteGrainStorage(Path.Combine(store.DataDirectory, "faulty.db"), sp.GetRequiredKeyedService<IGrainStorageSerializer>(key)),
                failureRate: 0.25, seed: 7));
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var configs = Enumerable.Range(1, 8).Select(seed => TestSweeps.Tiny(seed, epochs: 3)).ToList();
        var sweep = cluster.Client.GetGrain<ISweepGrain>("failing-writes");
        await sweep.Submit(TestSweeps.Submission(configs));
        faulty!.Armed = true;

        var status = await TestSweeps.WaitUntilFinished(sweep, TimeSpan.FromMinutes(3));
        faulty.Armed = false;

        Assert.True(faulty.InjectedFailures > 0, "the test injected no failure");
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(8, status.Runs.Length);
        Assert.All(status.Runs, r => Assert.Equal(RunStatus.Done, r.Status));
        var records = await cluster.Client.GetGrain<ISweepAggregatorGrain>("failing-writes").GetRecords();
        Assert.Equal(configs.Select(TestSweeps.Spec).Select(s => s.Hash).Order(), records.Select(r => r.Spec.Hash).Order());
        Assert.All(records, r => Assert.Equal(RunStatus.Done, r.Status));
        Assert.All(records, r => Assert.Equal(Enumerable.Range(1, 3), r.Curve.Select(e => e.Epoch)));
    }
}
