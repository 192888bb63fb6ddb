using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace SmartMixed.Grains.Hosting;

/// <summary>
/// Membership, endpoints and connection security of silos and clients, the same way for the silo program and the
/// in-process silo. A setting that cannot be used is a <see cref="ClusterConfigurationException"/> naming it.
/// </summary>
public static class ClusterHosting
{
    public static SweepClusterOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SweepClusterOptions.Section).Get<SweepClusterOptions>() ?? new SweepClusterOptions();

    public static ISiloBuilder UseSweepCluster(this ISiloBuilder silo, SweepClusterOptions o)
    {
        silo.Configure(Ids(o));
        switch (o.Membership.ToLowerInvariant())
        {
            case "localhost":
                var primary = o.PrimarySiloPort is { } p ? new IPEndPoint(IPAddress.Loopback, p) : null;
                silo.UseLocalhostClustering(o.SiloPort, o.GatewayPort, primary, o.ServiceId, o.ClusterId);
                break;
            case "redis":
                var redis = RedisOf(o);
                var redisOptions = RedisConnection.Options(redis, o.RedisPasswordFile);
                silo.UseRedisClustering(r => r.ConfigurationOptions = redisOptions);
                var address = o.AdvertisedAddress is { Length: > 0 } a
                    ? IPAddress.TryParse(a, out var parsed) ? parsed
                        : throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:AdvertisedAddress must be an IP address, not '{a}'")
                    : IPAddress.Loopback;
                // Behind a pod IP, listen on every interface; on loopback, only there.
                silo.ConfigureEndpoints(address, o.SiloPort, o.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
                break;
            default:
                throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:Membership must be localhost or redis, not '{o.Membership}'");
        }
        if (o.FastFailover)
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                m.ProbeTimeout = TimeSpan.FromSeconds(2);
                m.NumMissedProbesLimit = 2;
                m.NumVotesForDeathDeclaration = 1;
                m.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
        if (ClusterTls.Load(o) is { } tls) silo.UseTls(tls.Configure);
        return silo;
    }

    private static IPEndPoint Gateway(string text) => IPEndPoint.TryParse(text, out var gateway) && gateway.Port > 0
        ? gateway
        : throw new ClusterConfigurationException($"the gateway '{text}' must be IP:PORT, e.g. 127.0.0.1:30000");

    public static IClientBuilder UseSweepCluster(this IClientBuilder client, SweepClusterOptions o)
    {
        client.Configure(Ids(o));
        switch (o.Membership.ToLowerInvariant())
        {
            case "localhost":
                var gateways = (o.Gateways ?? $"127.0.0.1:{o.GatewayPort}")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(Gateway).ToArray();
                client.UseStaticClustering(gateways);
                break;
            case "redis":
                var redis = RedisOf(o);
                var redisOptions = RedisConnection.Options(redis, o.RedisPasswordFile);
                client.UseRedisClustering(r => r.ConfigurationOptions = redisOptions);
                break;
            default:
                throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:Membership must be localhost or redis, not '{o.Membership}'");
        }
        if (ClusterTls.Load(o) is { } tls) client.UseTls(tls.Configure);
        return client;
    }

    // Silos and clients must agree on both ids; a mismatch shows only as "Connection terminated prematurely".
    private static Action<ClusterOptions> Ids(SweepClusterOptions o) => c =>
    {
        c.ClusterId = o.ClusterId;
        c.ServiceId = o.ServiceId;
    };

    private static string RedisOf(SweepClusterOptions o) =>
        o.Redis ?? throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:Redis is required with Redis membership");
}
