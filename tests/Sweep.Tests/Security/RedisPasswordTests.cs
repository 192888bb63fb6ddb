using SmartMixed.Sweep.Testing;
using SmartMixed.Sweep.Tests.Failover;
using SmartMixed.Sweep.Tests.CommandLine;
using Xunit.Abstractions;

namespace SmartMixed.Sweep.Tests.Security;

/// <summary>
/// A Redis with a password (requirepass): silos and clients take the password from a file (a mounted secret), never
/// from a repository file; without it, or with a wrong one, the silo stops at once and the client exits, each with one
/// line that names the setting and never shows the password.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RedisPasswordTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Password = "pw-" + Guid.NewGuid().ToString("N");
    private readonly ProcessCluster _cluster = new(RedisServer.Start(Password, appendOnly: false), "password");

    [Fact]
    public void A_silo_with_the_password_file_serves_a_client_with_the_password_file()
    {
        var passwordFile = _cluster.SecretFile("redis-password", Password);
        _cluster.Start(_cluster.SiloSettings(new Dictionary<string, string> { ["Cluster__RedisPasswordFile"] = passwordFile }));

        var (code, text) = ConsoleCapture.Run(["sweep", "list", .. _cluster.ClientFlags("--redis-password-file", passwordFile)]);
        output.WriteLine(text);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData(null, "requires a password; set Cluster:RedisPasswordFile")]
    [InlineData("wrong-password-1234", "refused the password; check Cluster:RedisPasswordFile")]
    public void A_silo_without_the_right_password_stops_at_once_with_one_line_naming_the_setting(string? given, string expected)
    {
        var extra = new Dictionary<string, string>();
        if (given is not null) extra["Cluster__RedisPasswordFile"] = _cluster.SecretFile("wrong-password", given);
        var silo = _cluster.Launch(_cluster.SiloSettings(extra));

        var code = silo.WaitForExit(TimeSpan.FromSeconds(60));
        var text = silo.Output();
        output.WriteLine(text);
        Assert.Equal(2, code);
        var line = Assert.Single(text.Split('\n'), l => l.Contains(expected, StringComparison.Ordinal));
        Assert.Contains($"Redis at {_cluster.Redis.ConnectionString}", line);
        Assert.DoesNotContain("   at ", text); // no stack trace
        if (given is not null) Assert.DoesNotContain(given, text);
    }

    [Fact]
    public void A_silo_whose_password_file_cannot_be_read_says_so_and_stops()
    {
        var missing = Path.Combine(_cluster.Directory.FullName, "no-such-secret");
        var silo = _cluster.Launch(_cluster.SiloSettings(new Dictionary<string, string> { ["Cluster__RedisPasswordFile"] = missing }));

        Assert.Equal(2, silo.WaitForExit(TimeSpan.FromSeconds(60)));
        var text = silo.Output();
        output.WriteLine(text);
        Assert.Contains($"Cluster:RedisPasswordFile: cannot read {missing}", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public void A_client_without_the_right_password_gets_one_line_and_never_sees_the_password_echoed()
    {
        var (code, text) = ConsoleCapture.Run(["sweep", "list", .. _cluster.ClientFlags()]);
        output.WriteLine(text);
        Assert.Equal(1, code);
        Assert.Equal($"error: Redis at {_cluster.Redis.ConnectionString} requires a password; set --redis-password-file (or Cluster__RedisPasswordFile) to a file that holds it (e.g. a mounted secret)",
            text.Trim());

        // A wrong password inside the connection string is refused, and not repeated in the message.
        (code, text) = ConsoleCapture.Run(["sweep", "list", "--redis", $"{_cluster.Redis.ConnectionString},password=not-it-5678", "--connect-timeout", "5"]);
        output.WriteLine(text);
        Assert.Equal(1, code);
        Assert.Contains("refused the password", text);
        Assert.DoesNotContain("not-it-5678", text);
    }

    public void Dispose() => _cluster.Dispose();
}
