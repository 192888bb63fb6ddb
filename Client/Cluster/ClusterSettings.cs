using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Cluster;

/// <summary>
/// Where a command finds the cluster: flags, else the environment (<c>Cluster__Gateways</c>,
/// <c>Cluster__Membership</c>, <c>Cluster__Redis</c>, <c>Cluster__ClusterId</c>, <c>Cluster__ServiceId</c>).
/// </summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--gateway <HOST:PORT>"), Description("Silo gateway(s) to connect to, comma-separated (localhost membership).")]
    public string? Gateway { get; init; }

    [CommandOption("--redis <CONNECTION>"), Description("Redis connection string of a cluster with Redis membership.")]
    public string? Redis { get; init; }

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
        if (ClusterId is not null) overrides["Cluster:ClusterId"] = ClusterId;
        if (ServiceId is not null) overrides["Cluster:ServiceId"] = ServiceId;
        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
    }

    /// <summary>True when a cluster is named at all; otherwise <c>sweep run</c> hosts its own silo.</summary>
    public bool NamesCluster(IConfiguration configuration) =>
        configuration["Cluster:Gateways"] is { Length: > 0 }
        || string.Equals(configuration["Cluster:Membership"], "redis", StringComparison.OrdinalIgnoreCase);
}
