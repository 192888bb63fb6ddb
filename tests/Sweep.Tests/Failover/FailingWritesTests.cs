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
        await TestSweeps.Submit(cluster.Client, "failing-writes", configs);
        faulty!.Armed = true;

        var status = await TestSweeps.WaitUntilFinished(cluster.Client, "failing-writes", TimeSpan.FromMinutes(3));
        faulty.Armed = false;

        Assert.True(faulty.InjectedFailures > 0, "the test injected no failure");
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(8, status.Total);
        Assert.Equal(8, status.Count(RunStatus.Done));
        var rows = await TestSweeps.Rows(cluster.Client, "failing-writes");
        Assert.Equal(configs.Select(TestSweeps.Spec).Select(s => s.Hash).Order(), rows.Select(r => r.Spec.Hash).Order());
        Assert.All(rows, r => Assert.Equal(RunStatus.Done, r.Record!.Outcome.Status));
        Assert.All(rows, r => Assert.Equal(3, r.Record!.Curve.Epochs));
        var cells = await Client.Sweeps.SweepReader.CellsAsync(cluster.Client, status);
        Assert.Equal(8, cells.Cells.Sum(c => c.Done.Count())); // each run counted once in its cell
    }
}
