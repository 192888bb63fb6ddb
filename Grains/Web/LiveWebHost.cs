using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartMixed.Grains.Web;

/// <summary>
/// The live pages beside a silo hosted inside another program (<c>sweep run</c>): a small web host of its own that
/// reads the silo's grains. The silo program serves the same pages (and the dashboard) from its own web host instead.
/// </summary>
public sealed class LiveWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveWebHost(WebApplication app, IReadOnlyList<string> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>Where it listens (a port 0 in the options becomes the port the system chose).</summary>
    public IReadOnlyList<string> Addresses { get; }

    public string PageOf(string sweepId) => $"{Addresses[0].TrimEnd('/')}/sweeps/{sweepId}";

    /// <summary>Starts the host; refuses, before listening, an address off loopback without a token.</summary>
    public static async Task<LiveWebHost> StartAsync(IGrainFactory grains, SweepWebOptions options, CancellationToken cancellation)
    {
        var access = WebAccess.For(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(grains);
        var app = builder.Build();
        SweepWeb.Map(app, options, access);
        await app.StartAsync(cancellation);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        return new LiveWebHost(app, addresses.Count > 0 ? addresses : options.Urls.Split(';'));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token); }
        catch (OperationCanceledException) { } // open event streams are cut; the browser reconnects to nothing
        await _app.DisposeAsync();
    }
}
