using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Sweep.Testing;
using SmartMixed.Sweep.Tests.Cluster;

namespace SmartMixed.Sweep.Tests.Scheduling;

/// <summary>An idle silo starts a sweep submitted to it at once, not at its worker's next poll.</summary>
public sealed class WorkSignalTests
{
    [Fact]
    public async Task A_raised_signal_ends_one_wait_and_is_then_spent()
    {
        var signal = new WorkSignal();
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None));
        signal.Raise();
        signal.Raise(); // twice before anyone waits: still one wake-up
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None));

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        signal.Raise();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Sweeps_submitted_to_an_idle_silo_start_without_waiting_for_its_poll()
    {
        var data = Directory.CreateTempSubdirectory("smartmixed-signal-");
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSmartMixedSweeps(new SweepSiloOptions
            {
                Storage = "memory",
                Slots = 1,
                DataDirectory = data.FullName,
                PollInterval = TimeSpan.FromMinutes(10), // without the signal nothing would start within the test's time
            });
            silo.Services.AddSingleton<IRunExecutor>(sp => new SimulatedRunExecutor(sp.GetRequiredService<TrainingSlots>()));
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            // The worker has found no work and sleeps; each sweep wakes it, and the second finds it idle again.
            foreach (var sweepId in new[] { "first", "second" })
            {
                await TestSweeps.Submit(cluster.Client, sweepId, Enumerable.Range(1, 3).Select(seed => TestSweeps.Tiny(seed)));
                var status = await TestSweeps.WaitUntilFinished(cluster.Client, sweepId, TimeSpan.FromSeconds(60));
                Assert.Equal(3, status.Count(RunStatus.Done));
            }
        }
        finally
        {
            await cluster.DisposeAsync();
            data.Delete(recursive: true);
        }
    }
}
