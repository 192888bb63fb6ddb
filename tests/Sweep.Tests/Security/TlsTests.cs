using Microsoft.Extensions.Configuration;
using SmartMixed.Client.Cluster;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Testing;
using SmartMixed.Sweep.Tests.Failover;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Sweep.Tests.CommandLine;
using Xunit.Abstractions;

namespace SmartMixed.Sweep.Tests.Security;

/// <summary>
/// Mutual TLS (Orleans' connection security) with a self-signed certificate made here: two silo processes talk to each
/// other and to a client over TLS and run a sweep; a client without TLS, or with a certificate the cluster does not
/// trust, is refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TlsTests(ITestOutputHelper output) : IDisposable
{
    private readonly ProcessCluster _cluster = new(RedisServer.Start(), "tls");

    [Fact]
    public async Task Two_silos_and_a_client_on_TLS_run_a_sweep_and_clients_without_a_trusted_certificate_are_refused()
    {
        var pem = TestCertificates.WritePem(TestCertificates.SelfSigned("smartmixed-cluster"), Path.Combine(_cluster.Directory.FullName, "tls"));
        var tls = new Dictionary<string, string> { ["Cluster__TlsCertificate"] = pem.Certificate, ["Cluster__TlsKey"] = pem.Key };
        _cluster.Start(_cluster.SiloSettings(tls));
        _cluster.Start(_cluster.SiloSettings(tls));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Membership"] = "redis",
            ["Cluster:Redis"] = _cluster.Redis.ConnectionString,
            ["Cluster:ClusterId"] = _cluster.Id,
            ["Cluster:ServiceId"] = _cluster.Id,
            ["Cluster:TlsCertificate"] = pem.Certificate,
            ["Cluster:TlsKey"] = pem.Key,
        }).Build();
        await using (var client = await ClusterConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(10), CancellationToken.None))
        {
            // Both silos are active members: their membership probes go silo to silo, over TLS.
            var hosts = await WaitForActiveSilos(client.Grains, 2);
            output.WriteLine($"active silos: {string.Join(", ", hosts)}");

            await TestSweeps.Submit(client.Grains, "tls", Enumerable.Range(1, 4).Select(seed => TestSweeps.Tiny(seed)));
            var status = await TestSweeps.WaitUntilFinished(client.Grains, "tls", TimeSpan.FromMinutes(2));
            Assert.Equal(4, status.Count(RunStatus.Done));
        }

        // Without TLS the gateway's handshake fails: the client cannot connect.
        var (code, text) = ConsoleCapture.Run(["sweep", "list", .. _cluster.ClientFlags()]);
        output.WriteLine(text);
        Assert.Equal(1, code);
        Assert.Contains("cannot reach cluster", text);

        // With a certificate of its own making, the client is refused as well.
        var stranger = TestCertificates.WritePem(TestCertificates.SelfSigned("smartmixed-cluster"), Path.Combine(_cluster.Directory.FullName, "stranger"));
        (code, text) = ConsoleCapture.Run(["sweep", "list", .. _cluster.ClientFlags("--tls-certificate", stranger.Certificate, "--tls-key", stranger.Key)]);
        output.WriteLine(text);
        Assert.Equal(1, code);
        Assert.Contains("does it trust this client's TLS certificate", text);

        // And the right certificate through the command line's flags works.
        (code, text) = ConsoleCapture.Run(["sweep", "list", .. _cluster.ClientFlags("--tls-certificate", pem.Certificate, "--tls-key", pem.Key)]);
        output.WriteLine(text);
        Assert.Equal(0, code);
        Assert.Contains("tls", text);
    }

    private static async Task<string[]> WaitForActiveSilos(IGrainFactory grains, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            if (hosts.Count == count) return hosts.Keys.Select(h => h.ToString()).ToArray();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{hosts.Count} active silos, not {count}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public void Tls_settings_that_cannot_work_are_refused_with_the_setting_named()
    {
        var directory = _cluster.Directory.FullName;
        var pem = TestCertificates.WritePem(TestCertificates.SelfSigned("smartmixed-cluster"), Path.Combine(directory, "good"));
        var expired = TestCertificates.WritePem(TestCertificates.SelfSigned("old", DateTimeOffset.UtcNow.AddDays(-1)), Path.Combine(directory, "expired"));
        var other = TestCertificates.WritePem(TestCertificates.SelfSigned("other-ca"), Path.Combine(directory, "other"));

        string Problem(SweepClusterOptions o) => Assert.Throws<ClusterConfigurationException>(() => ClusterTls.Load(o)).Message;

        Assert.Null(ClusterTls.Load(new SweepClusterOptions()));
        Assert.NotNull(ClusterTls.Load(new SweepClusterOptions { TlsCertificate = pem.Certificate, TlsKey = pem.Key }));
        Assert.NotNull(ClusterTls.Load(new SweepClusterOptions { TlsCertificate = pem.Certificate, TlsKey = pem.Key, TlsCa = pem.Certificate }));
        Assert.Equal("Cluster:TlsKey is set but Cluster:TlsCertificate is not", Problem(new SweepClusterOptions { TlsKey = pem.Key }));
        Assert.StartsWith($"Cluster:TlsCertificate: cannot load {directory}/missing.crt", Problem(new SweepClusterOptions { TlsCertificate = $"{directory}/missing.crt", TlsKey = pem.Key }));
        Assert.StartsWith($"Cluster:TlsCertificate: cannot load {pem.Certificate} with the key {other.Key}", Problem(new SweepClusterOptions { TlsCertificate = pem.Certificate, TlsKey = other.Key }));
        Assert.StartsWith($"Cluster:TlsCertificate: {expired.Certificate} does not chain to itself", Problem(new SweepClusterOptions { TlsCertificate = expired.Certificate, TlsKey = expired.Key }));
        Assert.StartsWith($"Cluster:TlsCertificate: {pem.Certificate} does not chain to {other.Certificate}", Problem(new SweepClusterOptions { TlsCertificate = pem.Certificate, TlsKey = pem.Key, TlsCa = other.Certificate }));

        // A PKCS#12 file with its password in a secret file.
        var pfx = Path.Combine(directory, "cluster.pfx");
        using (var certificate = TestCertificates.SelfSigned("pfx")) File.WriteAllBytes(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pfx-secret"));
        var passwordFile = _cluster.SecretFile("pfx-password", "pfx-secret");
        Assert.NotNull(ClusterTls.Load(new SweepClusterOptions { TlsCertificate = pfx, TlsCertificatePasswordFile = passwordFile }));
        Assert.StartsWith($"Cluster:TlsCertificate: cannot load {pfx}", Problem(new SweepClusterOptions { TlsCertificate = pfx }));
    }

    /// <summary>The certificate recipe of deploy/README.md and k8s/secret.example.yaml (openssl) loads and trusts itself.</summary>
    [Fact]
    public void The_documented_openssl_certificate_is_accepted()
    {
        var openssl = new[] { "/usr/bin/openssl", "/usr/local/bin/openssl" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("openssl is not installed: apt-get install openssl (./test.sh does)");
        var directory = _cluster.Directory.FullName;
        var start = new System.Diagnostics.ProcessStartInfo(openssl) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = directory };
        foreach (var a in "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj /CN=smartmixed-cluster -keyout tls.key -out tls.crt".Split(' '))
            start.ArgumentList.Add(a);
        start.ArgumentList.Add("-addext");
        start.ArgumentList.Add("extendedKeyUsage=serverAuth,clientAuth");
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
        var tls = ClusterTls.Load(new SweepClusterOptions { TlsCertificate = Path.Combine(directory, "tls.crt"), TlsKey = Path.Combine(directory, "tls.key") });
        Assert.NotNull(tls);
        Assert.True(tls.Certificate.HasPrivateKey);
    }

    public void Dispose() => _cluster.Dispose();
}
