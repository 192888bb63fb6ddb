using Microsoft.Extensions.Hosting;
using Serilog;
using SmartMixed.Grains.Hosting;

// Settings come from appsettings.json, the environment (e.g. Cluster__Membership=redis, SmartMixed__Slots=4)
// and the command line (--SmartMixed:Slots=4).
var builder = Host.CreateApplicationBuilder(args);
var cluster = ClusterHosting.Read(builder.Configuration);
var sweeps = SweepHostingOptions.Read(builder.Configuration);
builder.Services.AddSerilog((_, logger) =>
    SweepLogging.Configure(logger, builder.Configuration, Path.Combine(sweeps.EffectiveDataDirectory, "logs"), console: true));
builder.UseOrleans(silo => silo.UseSweepCluster(cluster).AddSmartMixedSweeps(sweeps));
await builder.Build().RunAsync();
