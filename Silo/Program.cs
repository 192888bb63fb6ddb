using Microsoft.Extensions.Hosting;
using Serilog;
using SmartMixed.Grains.Hosting;
using SmartMixed.Silo;

// Settings come from appsettings.json, the environment (e.g. Cluster__Membership=redis, SmartMixed__Slots=4)
// and the command line (--SmartMixed:Slots=4). A silo that cannot reach its membership or grain store at start
// (Redis not up yet, a locked database) logs why and tries again with backoff instead of exiting.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

var delay = TimeSpan.FromSeconds(1);
while (!stopping.IsCancellationRequested)
{
    using var host = SiloHost.Build(args);
    try
    {
        await host.StartAsync(stopping.Token);
    }
    catch (Exception e) when (!stopping.IsCancellationRequested)
    {
        Log.Logger.Error("The silo could not start: {Reason}. Retrying in {Delay}", SiloHost.Describe(e), delay);
        await Log.CloseAndFlushAsync();
        try { await Task.Delay(delay, stopping.Token); } catch (OperationCanceledException) { break; }
        delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2));
        continue;
    }
    catch (OperationCanceledException)
    {
        break;
    }
    await host.WaitForShutdownAsync(CancellationToken.None);
    break;
}
return 0;
