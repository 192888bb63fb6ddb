using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace SmartMixed.Grains.Hosting;

/// <summary>
/// Mutual TLS on every silo-to-silo and client-to-silo connection (Orleans' connection security), when
/// <c>Cluster:TlsCertificate</c> is set. Each side presents its certificate and accepts the other's only if it chains to
/// one of the cluster's authorities (<c>Cluster:TlsCa</c>; by default the certificate itself, for one self-signed
/// certificate shared by the cluster). Host names are not checked: silos are reached by pod IPs, and trust comes from
/// the cluster's own authority, not from a public one.
/// </summary>
public sealed class ClusterTls
{
    private ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    public X509Certificate2 Certificate { get; }
    public X509Certificate2Collection Authorities { get; }

    /// <summary>The configured certificate and authorities, or null when TLS is off.</summary>
    public static ClusterTls? Load(SweepClusterOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.TlsCertificate))
        {
            foreach (var (name, value) in new[] { ("TlsKey", o.TlsKey), ("TlsCertificatePasswordFile", o.TlsCertificatePasswordFile), ("TlsCa", o.TlsCa) })
                if (!string.IsNullOrWhiteSpace(value))
                    throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:{name} is set but {SweepClusterOptions.Section}:TlsCertificate is not");
            return null;
        }
        var certificate = LoadCertificate(o);
        if (!certificate.HasPrivateKey)
            throw new ClusterConfigurationException($"{Key("TlsCertificate")}: {o.TlsCertificate} has no private key (give a PKCS#12 file with one, or the key in {Key("TlsKey")})");
        var authorities = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(o.TlsCa)) authorities.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        else
        {
            try
            {
                authorities.ImportFromPemFile(o.TlsCa);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new ClusterConfigurationException($"{Key("TlsCa")}: cannot read the certificates in {o.TlsCa} ({e.Message})", e);
            }
            if (authorities.Count == 0) throw new ClusterConfigurationException($"{Key("TlsCa")}: {o.TlsCa} holds no PEM certificate");
        }
        if (!IsTrusted(certificate, authorities))
            throw new ClusterConfigurationException($"{Key("TlsCertificate")}: {o.TlsCertificate} does not chain to {(string.IsNullOrWhiteSpace(o.TlsCa) ? "itself" : o.TlsCa)} (is it expired, or from another authority?)");
        return new ClusterTls(certificate, authorities);
    }

    /// <summary>Requires and checks the other side's certificate on every connection, both ways.</summary>
    public void Configure(TlsOptions tls)
    {
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (remote, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsTrusted(remote, Authorities);
    }

    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="authorities"/> and is valid now.</summary>
    public static bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadCertificate(SweepClusterOptions o)
    {
        var path = o.TlsCertificate!;
        try
        {
            if (!string.IsNullOrWhiteSpace(o.TlsKey))
            {
                // PEM: the certificate and its key in two files, as a Kubernetes TLS Secret holds them (tls.crt, tls.key).
                using var pem = X509Certificate2.CreateFromPemFile(path, o.TlsKey);
                // An ephemeral PEM key does not work with SslStream on every platform; a PKCS#12 round trip does.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            var password = string.IsNullOrWhiteSpace(o.TlsCertificatePasswordFile)
                ? null
                : Secrets.Read(o.TlsCertificatePasswordFile, Key("TlsCertificatePasswordFile"));
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException
                                      and not ClusterConfigurationException)
        {
            throw new ClusterConfigurationException($"{Key("TlsCertificate")}: cannot load {path}{(string.IsNullOrWhiteSpace(o.TlsKey) ? "" : $" with the key {o.TlsKey}")} ({e.Message})", e);
        }
    }

    private static string Key(string name) => $"{SweepClusterOptions.Section}:{name}";
}
