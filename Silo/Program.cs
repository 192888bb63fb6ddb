using Microsoft.Extensions.Hosting;
using Serilog;
using SmartMixed.Grains.Hosting;
using SmartMixed.Silo;

// Settings come from appsettings.json, the environment (e.g. Cluster__Membership=redis, SmartMixed__Slots=4)
// and the command line (--SmartMixed:Slots=4).
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };

IHost host;
SweepClusterOptions cluster;
SweepSiloOptions sweeps;
try
{
    (host, cluster, sweeps) = SiloHost.Build(args);
}
catch (ClusterConfigurationException e)
{
    // A setting that cannot work (a secret file that cannot be read, a certificate that does not load): one line.
    await Console.Error.WriteLineAsync($"The silo cannot start: {e.Message}");
    await Log.CloseAndFlushAsync();
    return 2;
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    // A refused configuration (e.g. web pages off loopback without a token): one line, no stack trace.
    await Console.Error.WriteLineAsync($"smartmixed-silo: {e.Message}");
    return 1;
}
using (host)
{
    try
    {
        // A silo whose stores are not up yet waits for them (with backoff, saying why) instead of failing.
        await StoreProbe.WaitUntilReachableAsync(cluster, sweeps, stopping.Token);
        // A SQLite store is one machine's: one process at a time may host a silo on it.
        using var storeLock = string.Equals(sweeps.Storage, "sqlite", StringComparison.OrdinalIgnoreCase)
            ? LocalStoreLock.TryAcquire(sweeps.EffectiveDataDirectory, out var owner)
              ?? throw new InvalidOperationException(owner is null
                  ? $"the local store {sweeps.EffectiveDataDirectory} is in use by another process"
                  : $"the local store {sweeps.EffectiveDataDirectory} is in use by process {owner.ProcessId} ({owner.Purpose})")
            : null;
        storeLock?.Publish(cluster.GatewayPort, "silo");
        await host.RunAsync(stopping.Token);
        return 0;
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        return 0;
    }
    catch (ClusterConfigurationException e)
    {
        Log.Fatal("The silo cannot start: {Problem:l}", e.Message);
        return 2;
    }
    catch (Exception e)
    {
        Log.Fatal("The silo stopped: {Reason}", SiloHost.Describe(e));
        return 1;
    }
    finally
    {
        await Log.CloseAndFlushAsync();
    }
}
