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

    /// <summary>A file holding the Redis password (a mounted secret), so the connection string needs none.</summary>
    public string? RedisPasswordFile { get; set; }

    /// <summary>
    /// Turns on mutual TLS between silos and between clients and silos: this process's certificate, a PKCS#12 file
    /// (.pfx/.p12) with its private key, or a PEM certificate with its key in <see cref="TlsKey"/>.
    /// </summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="TlsCertificate"/> (tls.key of a Kubernetes TLS secret).</summary>
    public string? TlsKey { get; set; }

    /// <summary>A file holding the password of a PKCS#12 <see cref="TlsCertificate"/>, if it has one.</summary>
    public string? TlsCertificatePasswordFile { get; set; }

    /// <summary>PEM certificates of the authorities the other side's certificate must chain to; default: the certificate itself.</summary>
    public string? TlsCa { get; set; }
}
