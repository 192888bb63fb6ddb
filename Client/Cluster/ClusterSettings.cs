using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Cluster;

/// <summary>
/// Where a command finds the cluster and how it proves who it is: flags, else the environment (<c>Cluster__Gateways</c>,
/// <c>Cluster__Membership</c>, <c>Cluster__Redis</c>, <c>Cluster__RedisPasswordFile</c>, <c>Cluster__TlsCertificate</c>,
/// <c>Cluster__ClusterId</c>, <c>Cluster__ServiceId</c>, …).
/// </summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--gateway <HOST:PORT>"), Description("Silo gateway(s) to connect to, comma-separated (localhost membership).")]
    public string? Gateway { get; init; }

    [CommandOption("--redis <CONNECTION>"), Description("Redis connection string of a cluster with Redis membership.")]
    public string? Redis { get; init; }

    [CommandOption("--redis-password-file <FILE>"), Description("A file holding the Redis password (or Cluster__RedisPasswordFile), so the connection string needs none.")]
    public string? RedisPasswordFile { get; init; }

    [CommandOption("--tls-certificate <FILE>"), Description("Connect over mutual TLS with this certificate: PKCS#12 (.pfx), or PEM with --tls-key (or Cluster__TlsCertificate).")]
    public string? TlsCertificate { get; init; }

    [CommandOption("--tls-key <FILE>"), Description("The PEM private key of a PEM --tls-certificate (or Cluster__TlsKey).")]
    public string? TlsKey { get; init; }

    [CommandOption("--tls-ca <FILE>"), Description("PEM certificates of the authorities the silos' certificates must chain to; default: --tls-certificate itself (or Cluster__TlsCa).")]
    public string? TlsCa { get; init; }

    [CommandOption("--cluster-id <ID>")]
    public string? ClusterId { get; init; }

    [CommandOption("--service-id <ID>")]
    public string? ServiceId { get; init; }

    [CommandOption("--data-dir <DIR>"), Description("The local store (state, checkpoints, logs) used when no cluster is named; default ~/.local/share/smartmixed.")]
    public string? DataDirectory { get; init; }

    [CommandOption("--connect-timeout <SECONDS>"), Description("How long to wait for a cluster (or its Redis) to answer (default 5).")]
    public double ConnectTimeoutSeconds { get; init; } = 5;

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    public override Spectre.Console.ValidationResult Validate() =>
        ConnectTimeoutSeconds is > 0 and <= 600
            ? base.Validate()
            : Spectre.Console.ValidationResult.Error($"--connect-timeout must be between 0 and 600 seconds, not {ConnectTimeoutSeconds}");

    /// <summary>The configuration the flags and the environment describe.</summary>
    public IConfiguration Configuration()
    {
        var overrides = new Dictionary<string, string?>();
        if (Gateway is not null) overrides["Cluster:Gateways"] = Gateway;
        if (Redis is not null)
        {
            overrides["Cluster:Membership"] = "redis";
            overrides["Cluster:Redis"] = Redis;
        }
        if (RedisPasswordFile is not null) overrides["Cluster:RedisPasswordFile"] = RedisPasswordFile;
        if (TlsCertificate is not null) overrides["Cluster:TlsCertificate"] = TlsCertificate;
        if (TlsKey is not null) overrides["Cluster:TlsKey"] = TlsKey;
        if (TlsCa is not null) overrides["Cluster:TlsCa"] = TlsCa;
        if (ClusterId is not null) overrides["Cluster:ClusterId"] = ClusterId;
        if (ServiceId is not null) overrides["Cluster:ServiceId"] = ServiceId;
        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
    }

    /// <summary>True when a cluster is named at all; otherwise <c>sweep run</c> hosts its own silo.</summary>
    public bool NamesCluster(IConfiguration configuration) =>
        configuration["Cluster:Gateways"] is { Length: > 0 }
        || string.Equals(configuration["Cluster:Membership"], "redis", StringComparison.OrdinalIgnoreCase);
}
