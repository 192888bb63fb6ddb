using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartMixed.Sweep.Tests.Security;

/// <summary>Self-signed certificates made in the test, written as a Kubernetes TLS secret holds them (PEM), or as PKCS#12.</summary>
public static class TestCertificates
{
    public sealed record Files(string Certificate, string Key);

    public static X509Certificate2 SelfSigned(string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        var end = notAfter ?? DateTimeOffset.UtcNow.AddDays(1);
        return request.CreateSelfSigned(end.AddDays(-2), end);
    }

    /// <summary>tls.crt and tls.key in <paramref name="directory"/>.</summary>
    public static Files WritePem(X509Certificate2 certificate, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new Files(Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        File.WriteAllText(files.Certificate, certificate.ExportCertificatePem());
        File.WriteAllText(files.Key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
