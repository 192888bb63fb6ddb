using System.Net;
using Microsoft.Extensions.Hosting;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// The silo program's web host: the live pages and the Orleans dashboard under /orleans on one address, and both
/// behind the token when one is set.
/// </summary>
public sealed class SiloWebTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-silo-web-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task The_dashboard_lives_under_orleans_beside_the_sweep_pages_behind_the_token()
    {
        int web = RedisServer.FreePort();
        var (host, _, _) = SmartMixed.Silo.SiloHost.Build(
        [
            "--Dashboard:Enabled=true", $"--Web:Urls=http://127.0.0.1:{web}", "--Web:Token=t0ken",
            $"--Cluster:SiloPort={RedisServer.FreePort()}", $"--Cluster:GatewayPort={RedisServer.FreePort()}",
            "--SmartMixed:Storage=memory", "--SmartMixed:Train=false", $"--SmartMixed:DataDirectory={_directory.FullName}",
        ]);
        using (host)
        {
            await host.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}") };
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/orleans/")).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/sweeps")).StatusCode);

                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "t0ken");
                var dashboard = await http.GetAsync("/orleans/");
                Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
                Assert.Contains("Orleans", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
                var sweeps = await http.GetAsync("/sweeps");
                Assert.Equal(HttpStatusCode.OK, sweeps.StatusCode);
                Assert.Contains("<h1>Sweeps</h1>", await sweeps.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/sweeps/nope")).StatusCode);
            }
            finally
            {
                await host.StopAsync();
            }
        }
    }
}
