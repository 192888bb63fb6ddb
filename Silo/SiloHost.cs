using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Serilog;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Web;

namespace SmartMixed.Silo;

/// <summary>
/// Builds the silo host from configuration: clustering, sweep services and storage, Serilog, and — when
/// <c>Web:Enabled</c> (or <c>Dashboard:Enabled</c>) is true — the web pages on Kestrel: the live page of every sweep
/// at /sweeps/ID and, with <c>Dashboard:Enabled</c>, the Orleans dashboard under /orleans, bound to 127.0.0.1:8080
/// unless <c>Web:Urls</c> says otherwise, and behind a token (<see cref="WebAccess"/>) when that is not loopback.
/// </summary>
public static class SiloHost
{
    public static (IHost Host, SweepClusterOptions Cluster, SweepSiloOptions Sweeps) Build(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var cluster = ClusterHosting.Read(configuration);
        var sweeps = SweepSiloBuilderExtensions.ReadOptions(configuration);
        var logDirectory = Path.Combine(sweeps.EffectiveDataDirectory, "logs");
        Log.Logger = SweepLogging.Configure(new LoggerConfiguration(), configuration, logDirectory, console: true).CreateLogger();

        var webOptions = SweepWebOptions.Read(configuration);
        if (!webOptions.Enabled)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = new ConfigurationManager() });
            builder.Configuration.AddConfiguration(configuration);
            builder.Services.AddSerilog();
            builder.UseOrleans(silo => silo.UseSweepCluster(cluster).AddSmartMixedSweeps(configuration));
            return (builder.Build(), cluster, sweeps);
        }

        var access = WebAccess.For(webOptions); // off loopback without a token: refused before anything listens
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        web.Configuration.AddConfiguration(configuration);
        web.WebHost.UseUrls(webOptions.Urls);
        web.Services.AddSerilog();
        web.UseOrleans(silo =>
        {
            silo.UseSweepCluster(cluster).AddSmartMixedSweeps(configuration);
            if (webOptions.Dashboard) silo.AddDashboard();
        });
        var app = web.Build();
        SweepWeb.Map(app, webOptions, access);
        if (webOptions.Dashboard) app.MapOrleansDashboard("/orleans");
        return (app, cluster, sweeps);
    }

    /// <summary>The innermost message of a start-up failure, which names the unreachable store.</summary>
    public static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) messages.Add($"{x.GetType().Name}: {x.Message}");
        return string.Join(" <- ", messages.Distinct());
    }
}
