using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Serilog;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Web;
using StackExchange.Redis;

namespace SmartMixed.Client.Cluster;

/// <summary>
/// The client's way into a cluster: a gateway connection to a running cluster, a connection to the process that holds
/// the local store, or a silo hosted in this process on the local store. Either way the commands see one
/// <see cref="IGrainFactory"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly LocalStoreLock? _lock;
    private readonly LiveWebHost? _web;

    private ClusterConnection(IHost host, bool inProcess, string description, LocalStoreLock? storeLock = null, LiveWebHost? web = null)
    {
        _host = host;
        _lock = storeLock;
        _web = web;
        InProcess = inProcess;
        Description = description;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>True when the silo runs in this process: stopping this process stops its trainings.</summary>
    public bool InProcess { get; }

    public string Description { get; }

    /// <summary>The live page of a sweep, when this process serves it (a training silo in this process); else null.</summary>
    public string? LivePage(string sweepId) => _web?.PageOf(sweepId);

    /// <summary>
    /// Opens what a sweep command works on: the named cluster; else the local store — through the process that holds it,
    /// or by hosting a silo here (one that trains only when <paramref name="trainingSilo"/> is given).
    /// </summary>
    public static async Task<ClusterConnection> OpenAsync(ClusterSettings settings, string purpose, SweepSiloOptions? trainingSilo, CancellationToken cancellation)
    {
        var configuration = settings.Configuration();
        if (settings.NamesCluster(configuration)) return await ConnectAsync(configuration, settings.ConnectTimeout, cancellation);

        var silo = trainingSilo ?? new SweepSiloOptions { Train = false };
        silo.Storage = "sqlite";
        silo.Checkpoints = "directory";
        if (settings.DataDirectory is { } directory) silo.DataDirectory = Path.GetFullPath(directory);
        var store = silo.EffectiveDataDirectory;
        var held = LocalStoreLock.TryAcquire(store, out var owner);
        if (held is null)
        {
            if (trainingSilo is null && owner?.GatewayPort is { } port)
            {
                var overrides = new ConfigurationBuilder().AddConfiguration(configuration)
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Gateways"] = $"127.0.0.1:{port}", ["Cluster:Membership"] = "localhost" })
                    .Build();
                var connection = await ConnectAsync(overrides, settings.ConnectTimeout, cancellation);
                return new ClusterConnection(connection._host, inProcess: false, $"process {owner.ProcessId} ({owner.Purpose}) on the local store {store}");
            }
            throw new LocalStoreBusyException(store, owner);
        }
        try
        {
            var webOptions = silo.Train ? LivePageOptions(configuration) : null; // a refused address fails before the silo starts
            var (host, gatewayPort) = await HostAsync(configuration, silo, cancellation);
            held.Publish(gatewayPort, purpose);
            var what = silo.Train ? $"a silo in this process ({silo.EffectiveSlots} slot(s), data in {store})" : $"the local store {store}";
            LiveWebHost? web = null;
            try
            {
                if (webOptions is not null) web = await LiveWebHost.StartAsync(host.Services.GetRequiredService<IGrainFactory>(), webOptions, cancellation);
            }
            catch
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
                throw;
            }
            return new ClusterConnection(host, inProcess: true, what, held, web);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Connects to the configured cluster, giving up within <paramref name="timeout"/> with a clear error.</summary>
    public static async Task<ClusterConnection> ConnectAsync(IConfiguration configuration, TimeSpan timeout, CancellationToken cancellation)
    {
        var options = ClusterHosting.Read(configuration);
        bool redis = options.Membership.Equals("redis", StringComparison.OrdinalIgnoreCase);
        var redisOptions = redis
            ? RedisConnection.Parse(options.Redis ?? throw new ArgumentException("--redis (or Cluster__Redis) is needed with Redis membership"), options.RedisPasswordFile)
            : null;
        var where = redisOptions is not null
            ? $"cluster '{options.ClusterId}' (Redis membership at {RedisConnection.Describe(redisOptions)})"
            : $"gateway {options.Gateways ?? $"127.0.0.1:{options.GatewayPort}"} (cluster '{options.ClusterId}')";
        // A Redis that does not answer would otherwise be retried in the background for a long time.
        if (redisOptions is not null) ProbeRedis(redisOptions, timeout);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseSweepCluster(options);
            client.UseConnectionRetryFilter(new BoundedRetry(3, TimeSpan.FromSeconds(1)));
            client.Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(30));
        });
        var host = builder.Build();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout + TimeSpan.FromSeconds(5));
        try
        {
            await host.StartAsync(bounded.Token);
        }
        catch (Exception e) when (e is OrleansException or SocketException or TimeoutException
                                      || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            host.Dispose();
            var reason = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s." : FirstLine(e.Message);
            var tls = string.IsNullOrWhiteSpace(options.TlsCertificate)
                ? "? (A cluster with TLS on refuses a client without --tls-certificate.)"
                : ", and does it trust this client's TLS certificate?";
            throw new ClusterUnreachableException($"cannot reach {where}: {reason} Is a silo running, do its cluster and service ids match{tls}", e);
        }
        return new ClusterConnection(host, inProcess: false, where);
    }

    private static void ProbeRedis(ConfigurationOptions configured, TimeSpan timeout)
    {
        var options = configured.Clone();
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        try
        {
            using var multiplexer = ConnectionMultiplexer.Connect(options);
            multiplexer.GetDatabase().Ping();
        }
        catch (Exception e) when (RedisConnection.IsAuthenticationFailure(e))
        {
            throw new ClusterUnreachableException(RedisConnection.AuthenticationProblem(options, "--redis-password-file (or Cluster__RedisPasswordFile)"), e);
        }
        catch (Exception e) when (e is RedisException or ArgumentException or TimeoutException)
        {
            throw new ClusterUnreachableException(
                $"cannot reach Redis at {RedisConnection.Describe(options)} within {timeout.TotalSeconds:0} s ({FirstLine(e.Message)}); is it running, and is the address right?", e);
        }
    }

    /// <summary>
    /// The live pages of a training silo in this process, on a free loopback port unless <c>Web:Urls</c> says otherwise;
    /// null when <c>Web:Enabled=false</c> turns them off. Checked here, before the silo starts: off loopback they need a
    /// token.
    /// </summary>
    private static SweepWebOptions? LivePageOptions(IConfiguration configuration)
    {
        if (string.Equals(configuration[$"{SweepWebOptions.Section}:Enabled"], "false", StringComparison.OrdinalIgnoreCase)) return null;
        var options = SweepWebOptions.Read(configuration);
        if (configuration[$"{SweepWebOptions.Section}:Urls"] is null) options.Urls = "http://127.0.0.1:0";
        WebAccess.For(options);
        return options;
    }

    /// <summary>Starts a silo inside this process (localhost membership on free ports), durable in its data directory.</summary>
    private static async Task<(IHost Host, int GatewayPort)> HostAsync(IConfiguration configuration, SweepSiloOptions silo, CancellationToken cancellation)
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
        return (host, cluster.GatewayPort);
    }

    /// <summary>
    /// Stops the connection; an in-process silo first lets its trainings finish the epoch in flight (within its grace
    /// period) and save their checkpoints, then gives the local store back.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        if (_web is not null) await _web.DisposeAsync();
        try { await _host.StopAsync(timeout.Token); }
        finally
        {
            _host.Dispose();
            _lock?.Dispose();
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

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
