using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Serilog;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Client.Cluster;

/// <summary>
/// The client's way into a cluster: a gateway connection to a running cluster, or a silo hosted in this process
/// (the one-command local sweep). Either way the commands see one <see cref="IGrainFactory"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, bool inProcess, string description)
    {
        _host = host;
        InProcess = inProcess;
        Description = description;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }
    public bool InProcess { get; }
    public string Description { get; }

    /// <summary>Connects to the configured cluster, giving up after a few tries with a clear error.</summary>
    public static async Task<ClusterConnection> ConnectAsync(IConfiguration configuration, CancellationToken cancellation)
    {
        var options = ClusterHosting.Read(configuration);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseSweepCluster(options);
            client.UseConnectionRetryFilter(new BoundedRetry(3, TimeSpan.FromSeconds(1)));
            client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(30));
        });
        var host = builder.Build();
        var where = options.Membership.Equals("redis", StringComparison.OrdinalIgnoreCase)
            ? $"cluster '{options.ClusterId}' (Redis membership)"
            : $"gateway {options.Gateways ?? $"127.0.0.1:{options.GatewayPort}"} (cluster '{options.ClusterId}')";
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (e is OrleansException or SocketException or TimeoutException)
        {
            host.Dispose();
            throw new ClusterUnreachableException(
                $"cannot reach {where}: {e.Message} Is a silo running, and do its cluster and service ids match?", e);
        }
        return new ClusterConnection(host, inProcess: false, where);
    }

    /// <summary>Starts a silo inside this process (localhost membership on free ports), durable in the data directory.</summary>
    public static async Task<ClusterConnection> HostInProcessAsync(IConfiguration configuration, SweepSiloOptions silo, CancellationToken cancellation)
    {
        var cluster = ClusterHosting.Read(configuration);
        cluster.Membership = "localhost";
        cluster.SiloPort = FreePort();
        cluster.GatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSerilog((_, logger) =>
            SweepLogging.Configure(logger, configuration, Path.Combine(silo.EffectiveDataDirectory, "logs"), console: false));
        builder.UseOrleans(s => s.UseSweepCluster(cluster).AddSmartMixedSweeps(silo));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new ClusterConnection(host, inProcess: true, $"a silo in this process ({silo.EffectiveSlots} slot(s), data in {silo.EffectiveDataDirectory})");
    }

    /// <summary>Stops the connection; for an in-process silo, its runs stop at their next batch and keep their checkpoints.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _host.StopAsync(timeout.Token); }
        finally { _host.Dispose(); }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class BoundedRetry(int tries, TimeSpan delay) : IClientConnectionRetryFilter
    {
        private int _attempt;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (++_attempt >= tries) return false;
            await Task.Delay(delay, cancellationToken);
            return true;
        }
    }
}
