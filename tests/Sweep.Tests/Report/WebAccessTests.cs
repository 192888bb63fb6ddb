using System.Net;
using System.Reflection;
using System.Text;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Web;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// The web pages are on loopback unless configured, and behind a token when they are not: refused at start without
/// one, 401 for a request without it.
/// </summary>
public class WebAccessTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.2:0", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    [InlineData("http://silo-1:8080", false)]
    public void Loopback_is_told_from_everything_else(string url, bool loopback) => Assert.Equal(loopback, WebAccess.IsLoopback(url));

    [Fact]
    public void Listening_off_loopback_without_a_token_is_refused_and_with_one_allowed()
    {
        var e = Assert.Throws<InsecureWebBindingException>(() => WebAccess.For(new SweepWebOptions { Urls = "http://127.0.0.1:8080;http://0.0.0.0:8080" }));
        Assert.Contains("http://0.0.0.0:8080", e.Message);
        Assert.Contains("Web__Token", e.Message);
        Assert.True(WebAccess.For(new SweepWebOptions { Urls = "http://0.0.0.0:8080", Token = "s3cret" }).RequiresToken);
        Assert.False(WebAccess.For(new SweepWebOptions { Urls = "http://127.0.0.1:8080" }).RequiresToken);
    }

    [Fact]
    public void The_token_can_come_from_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-a-file\n");
            Assert.Equal("from-a-file", new SweepWebOptions { TokenFile = file }.EffectiveToken());
            File.WriteAllText(file, "");
            Assert.Throws<ClusterConfigurationException>(() => new SweepWebOptions { TokenFile = file }.EffectiveToken());
            // A file that cannot be read (here a directory) is a setting to fix, named, never a stack trace.
            var unreadable = Assert.Throws<ClusterConfigurationException>(() => new SweepWebOptions { TokenFile = Path.GetTempPath() }.EffectiveToken());
            Assert.StartsWith("Web:TokenFile: cannot read", unreadable.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_silo_refuses_to_start_its_pages_off_loopback_without_a_token()
    {
        var e = Assert.Throws<InsecureWebBindingException>(() => SmartMixed.Silo.SiloHost.Build(
            ["--Web:Enabled=true", "--Web:Urls=http://0.0.0.0:0", "--SmartMixed:Storage=memory", $"--SmartMixed:DataDirectory={Path.GetTempPath()}"]));
        Assert.Contains("not loopback", e.Message);
        e = Assert.Throws<InsecureWebBindingException>(() => SmartMixed.Silo.SiloHost.Build(
            ["--Dashboard:Enabled=true", "--Dashboard:Urls=http://0.0.0.0:0", "--SmartMixed:Storage=memory", $"--SmartMixed:DataDirectory={Path.GetTempPath()}"]));
        Assert.Contains("not loopback", e.Message);
    }

    [Fact]
    public async Task The_silo_program_exits_at_start_with_one_line_when_its_pages_would_be_open_to_the_network()
    {
        var data = Directory.CreateTempSubdirectory("smartmixed-silo-refused-");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smartmixed-silo.dll"));
            start.Environment["Web__Enabled"] = "true";
            start.Environment["Web__Urls"] = "http://0.0.0.0:0";
            start.Environment["SmartMixed__Storage"] = "memory";
            start.Environment["SmartMixed__DataDirectory"] = data.FullName;
            start.Environment["Cluster__SiloPort"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["Cluster__GatewayPort"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "the silo did not stop");
            Assert.Equal(1, process.ExitCode);
            var text = (await stderr).Trim();
            Assert.Single(text.Split('\n'));
            Assert.Contains("http://0.0.0.0:0, which is not loopback", text);
            Assert.DoesNotContain("   at ", await stdout);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Requests_without_the_token_get_401_and_a_basic_challenge()
    {
        int port = RedisServer.FreePort();
        var options = new SweepWebOptions { Urls = $"http://127.0.0.1:{port}", Token = "s3cret" };
        await using var host = await LiveWebHost.StartAsync(NoGrains(), options, CancellationToken.None);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var none = await http.GetAsync("/sweeps/quick");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Basic", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "/sweeps/quick/events", "Bearer wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "/", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:wrong")))).StatusCode);

        // With the token, the request gets through (the root redirects to the list of sweeps).
        Assert.Equal(HttpStatusCode.Redirect, (await Send(http, "/", "Bearer s3cret")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Send(http, "/", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:s3cret")))).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string path, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return http.SendAsync(request);
    }

    /// <summary>A grain factory that must not be reached: these requests stop before any grain is called.</summary>
    private static IGrainFactory NoGrains() => DispatchProxy.Create<IGrainFactory, Unreachable>();

    public class Unreachable : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"{targetMethod?.Name} was called, but no request should reach a grain here");
    }
}
