using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SmartMixed.Grains;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Grains.Storage;
using SmartMixed.Sweep.Testing;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Training.Config;

namespace SmartMixed.Sweep.Tests.Scale;

/// <summary>
/// One in-process silo on a SQLite store, with the simulated trainer and storage that records every write: the
/// orchestration of large sweeps without their training.
/// </summary>
public sealed class SimulatedCluster : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("smartmixed-scale-");

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public RecordingGrainStorage Storage { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string DataDirectory => _data.FullName;

    /// <summary>
    /// <paramref name="count"/> runs of a 4-layer network over the six-function pool with <paramref name="epochs"/>
    /// epochs: cells of five seeds, one temperature per cell.
    /// </summary>
    public static IEnumerable<RunConfig> Runs(int count, int epochs, int[]? hidden = null) =>
        Enumerable.Range(0, count).Select(i => TestSweeps.Tiny(seed: i % 5 + 1, epochs: epochs, temperature: 0.1 + (i / 5) * 1e-4) with
        {
            Hidden = hidden ?? [32, 32, 16, 16],
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: Math.Max(1, epochs / 2)),
        });

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSmartMixedSweeps(new SweepSiloOptions
            {
                Storage = "sqlite",
                Slots = 16, // the simulated trainer does not use a core: measure the orchestration, not the slots
                DataDirectory = _data.FullName,
                PollInterval = TimeSpan.FromMilliseconds(50),
                WatchdogInterval = TimeSpan.FromSeconds(1),
            });
            silo.Services.AddSingleton<IRunExecutor>(sp => new SimulatedRunExecutor(sp.GetRequiredService<TrainingSlots>()));
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sweeps, (sp, key) =>
            {
                var serializer = sp.GetRequiredKeyedService<IGrainStorageSerializer>(key);
                return Storage = new RecordingGrainStorage(new SqliteGrainStorage(Path.Combine(_data.FullName, "scale.db"), serializer), serializer);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { _data.Delete(recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatedCollection : ICollectionFixture<SimulatedCluster>
{
    public const string Name = "simulated trainer";
}
