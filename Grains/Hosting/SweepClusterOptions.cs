namespace SmartMixed.Grains.Hosting;

/// <summary>
/// How silos find each other and clients find silos, from the configuration section <see cref="Section"/>
/// (not <c>Orleans:</c>, which Orleans reads as its own). With nothing configured: one silo on localhost.
/// </summary>
public sealed class SweepClusterOptions
{
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "smartmixed";
    public string ServiceId { get; set; } = "smartmixed";

    /// <summary>localhost (development, one machine) or redis (membership table in Redis).</summary>
    public string Membership { get; set; } = "localhost";

    /// <summary>Redis connection string for membership (and, by default, storage and checkpoints).</summary>
    public string? Redis { get; set; }

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>For localhost membership with several silos: the first silo's port, which the others join.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>The address this silo advertises (a pod IP on Kubernetes); default loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Gateways a client connects to with localhost membership, e.g. "127.0.0.1:30000,127.0.0.1:30001".</summary>
    public string? Gateways { get; set; }

    /// <summary>Shortened failure detection, for tests on loopback only: never in production.</summary>
    public bool FastFailover { get; set; }
}
