using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Training.Config;
using Xunit.Abstractions;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Failover;

/// <summary>
/// The silo program as real processes on loopback, killed with SIGKILL mid-sweep: with Redis and two silos,
/// and alone with SQLite, killed and started again. The sweep must end with exactly its runs, each once.
/// </summary>
public sealed class RealProcessFailoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-processes-");
    private readonly List<IDisposable> _cleanup = [];

    private const int Epochs = 30;

    // Big enough (~0.1–0.3 s an epoch here) that a kill lands mid-training, small enough for CI.
    private static RunConfig Run(int seed) => TestSweeps.Tiny(seed, epochs: Epochs) with { Hidden = [512, 256] };

    [Fact]
    public async Task Two_silos_on_Redis_one_killed_mid_sweep_finish_every_run_once_resuming_from_checkpoints()
    {
        var cluster = Track(new ProcessCluster(RedisServer.Start(), "failover"));
        var watchdog = new Dictionary<string, string> { ["SmartMixed__WatchdogInterval"] = "00:00:01" };
        var silos = new[] { Watch(cluster.Start(cluster.SiloSettings(watchdog))), Watch(cluster.Start(cluster.SiloSettings(watchdog))) };
        var client = await Connect(new SweepClusterOptions
        {
            Membership = "redis", Redis = cluster.Redis.ConnectionString, ClusterId = cluster.Id, ServiceId = cluster.Id,
        });

        var configs = Enumerable.Range(1, 12).Select(Run).ToList();
        var sweep = client.GetGrain<ISweepGrain>("processes");
        await TestSweeps.Submit(client, "processes", configs);
        var victim = await WaitForRunningRun(client, "processes", epochAtLeast: 3);
        var killedAt = DateTime.UtcNow;
        // The silo that trains the victim, by its address (ip:port@generation).
        var silo = silos.Single(s => victim.Silo!.StartsWith($"127.0.0.1:{s.SiloPort}@", StringComparison.Ordinal));
        silo.KillHard();
        output.WriteLine($"killed silo {silo.Name} while run {victim.Hash} was at epoch {victim.Epoch}");
        var (requeued, running) = await TimeUntilRunningElsewhere(client, "processes", victim);
        output.WriteLine($"run {victim.Hash}: training on the surviving silo {running.TotalSeconds:0.0} s after the kill"
            + (requeued is { } q ? $" (seen re-queued after {q.TotalSeconds:0.0} s)" : ""));

        var status = await WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));
        await AssertEveryRunOnceAndSomeResumed(client, "processes", status, configs.Count, victim.Hash, killedAt);
    }

    [Fact]
    public async Task A_single_silo_on_SQLite_killed_and_started_again_finishes_the_sweep_without_rerunning()
    {
        var data = Path.Combine(_directory.FullName, "single");
        var gatewayPort = RedisServer.FreePort();
        var siloPort = RedisServer.FreePort();
        var clusterId = "single-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "localhost",
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["SmartMixed__Storage"] = "sqlite",
            ["SmartMixed__Checkpoints"] = "directory",
            ["SmartMixed__Slots"] = "2",
            ["SmartMixed__DataDirectory"] = data,
            ["SmartMixed__PollInterval"] = "00:00:00.200",
            ["SmartMixed__WatchdogInterval"] = "00:00:01",
        };
        var options = new SweepClusterOptions { Gateways = $"127.0.0.1:{gatewayPort}", ClusterId = clusterId, ServiceId = clusterId };
        var first = StartSilo("first", settings);
        var client = await Connect(options);

        var configs = Enumerable.Range(1, 6).Select(Run).ToList();
        await TestSweeps.Submit(client, "restarted", configs);
        var victim = await WaitForRunningRun(client, "restarted", epochAtLeast: 2, doneAtLeast: 1);
        var doneBefore = (await TestSweeps.Runs(client, "restarted")).Where(r => r.Status == RunStatus.Done).Select(r => r.Hash).ToHashSet();
        var killedAt = DateTime.UtcNow;
        first.KillHard();
        output.WriteLine($"killed the silo while run {victim.Hash} was at epoch {victim.Epoch}; {doneBefore.Count} runs had finished");

        StartSilo("second", settings);
        client = await Connect(options);
        var sweep = client.GetGrain<ISweepGrain>("restarted");
        var status = await WaitUntilFinished(sweep, TimeSpan.FromMinutes(4));
        await AssertEveryRunOnceAndSomeResumed(client, "restarted", status, configs.Count, victim.Hash, killedAt);
        Assert.NotEmpty(doneBefore);
        Assert.All((await TestSweeps.Runs(client, "restarted")).Where(r => doneBefore.Contains(r.Hash)), r => Assert.Equal(1, r.Attempts)); // finished runs were not rerun
    }

    private async Task AssertEveryRunOnceAndSomeResumed(IGrainFactory client, string sweepId, SweepStatus status, int runs, string victim, DateTime killedAt)
    {
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(runs, status.Total);
        Assert.Equal(runs, status.Count(RunStatus.Done));
        var rows = await TestSweeps.Rows(client, sweepId);
        Assert.Equal(runs, rows.Count);
        Assert.Equal(runs, rows.Select(r => r.Spec.Hash).Distinct().Count()); // no duplicate rows
        Assert.All(rows, r => Assert.Equal(RunStatus.Done, r.Record!.Outcome.Status));
        var cells = await Client.Sweeps.SweepReader.CellsAsync(client, status);
        Assert.Equal(runs, cells.Cells.Sum(c => c.Done.Count())); // each run counted once
        var resumed = rows.Single(r => r.Spec.Hash == victim).Record!;
        Assert.NotNull(resumed.Outcome.ResumedFromEpoch);
        Assert.Equal(Epochs, resumed.Curve.Epochs);
        output.WriteLine($"run {victim} resumed from epoch {resumed.Outcome.ResumedFromEpoch}; sweep finished {DateTime.UtcNow - killedAt:g} after the kill");
    }

    private readonly List<SiloProcess> _silos = [];

    private SiloProcess StartSilo(string name, Dictionary<string, string> settings) =>
        Watch(Track(SiloProcess.Start(name, settings, Path.Combine(_directory.FullName, $"{name}.log"))));

    /// <summary>A silo whose log is shown when the sweep does not finish.</summary>
    private SiloProcess Watch(SiloProcess silo)
    {
        _silos.Add(silo);
        return silo;
    }

    /// <summary>On a failure, what the silos said is the first thing to read.</summary>
    private void DumpSiloLogs()
    {
        foreach (var silo in _silos)
        {
            output.WriteLine($"--- last lines of silo {silo.Name} ({silo.LogPath})");
            if (File.Exists(silo.LogPath))
                foreach (var line in File.ReadLines(silo.LogPath).TakeLast(60)) output.WriteLine(line);
        }
    }

    private async Task<IGrainFactory> Connect(SweepClusterOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(c => c.UseSweepCluster(options)
            .Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(5)));
        var host = builder.Build();
        await host.StartAsync();
        _cleanup.Add(host);
        return host.Services.GetRequiredService<IGrainFactory>();
    }

    private static async Task<RunView> WaitForRunningRun(IGrainFactory client, string sweepId, int epochAtLeast, int doneAtLeast = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await TestSweeps.Runs(client, sweepId);
            // A victim with most of its epochs ahead: one near its end may finish before the kill lands, and then it
            // has nothing to resume (progress reaches the sweep a moment late).
            var run = runs.Where(r => r.Status == RunStatus.Running && r.Epoch >= epochAtLeast && r.Epoch <= Epochs / 2).MinBy(r => r.Epoch);
            if (run is not null && runs.Count(r => r.Status == RunStatus.Done) >= doneAtLeast) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException("no run got going");
    }

    /// <summary>How long after the kill the victim was re-queued (if seen) and then training on another silo.</summary>
    private static async Task<(TimeSpan? Requeued, TimeSpan Running)> TimeUntilRunningElsewhere(IGrainFactory client, string sweepId, RunView victim)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? requeued = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                var run = (await TestSweeps.Runs(client, sweepId)).Single(r => r.Hash == victim.Hash);
                if (run.Status == RunStatus.Queued) requeued ??= clock.Elapsed;
                if (run.Status == RunStatus.Done || (run.Status == RunStatus.Running && run.Silo != victim.Silo)) return (requeued, clock.Elapsed);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {victim.Hash} did not move to another silo");
    }

    /// <summary>Polls through the failover: calls that reach the dead silo time out and are simply retried.</summary>
    private async Task<SweepStatus> WaitUntilFinished(ISweepGrain sweep, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var status = await sweep.GetStatus();
                if (status.IsFinished) return status;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                DumpSiloLogs();
                throw new TimeoutException($"the sweep did not finish within {timeout}");
            }
            await Task.Delay(250);
        }
    }

    private T Track<T>(T item) where T : IDisposable
    {
        _cleanup.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup)) item.Dispose();
        try { _directory.Delete(recursive: true); } catch (IOException) { }
    }
}
