using Microsoft.Extensions.Hosting;
using Serilog;
using SmartMixed.Silo;

// Settings come from appsettings.json, the environment (e.g. Cluster__Membership=redis, SmartMixed__Slots=4)
// and the command line (--SmartMixed:Slots=4).
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };

var (host, cluster, sweeps) = SiloHost.Build(args);
using (host)
{
    try
    {
        // A silo whose stores are not up yet waits for them (with backoff, saying why) instead of failing.
        await StoreProbe.WaitUntilReachableAsync(cluster, sweeps, stopping.Token);
        await host.RunAsync(stopping.Token);
        return 0;
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        return 0;
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
