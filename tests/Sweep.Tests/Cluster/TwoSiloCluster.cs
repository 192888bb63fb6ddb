using Orleans.TestingHost;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Sweep.Tests.Cluster;

/// <summary>
/// Two in-process silos with two training slots each, in-memory grain storage and one checkpoint directory.
/// Shared by the cluster tests of one collection; each test uses its own sweep id.
/// </summary>
public sealed class TwoSiloCluster : IAsyncLifetime
{
    public const int SlotsPerSilo = 2;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("smartmixed-cluster-");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(new SweepSiloOptions
        {
            Storage = "memory",
            Slots = SlotsPerSilo,
            DataDirectory = _data.FullName,
            PollInterval = TimeSpan.FromMilliseconds(100),
            WatchdogInterval = TimeSpan.FromSeconds(1),
        }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TwoSiloCollection : ICollectionFixture<TwoSiloCluster>
{
    public const string Name = "two silos";
}
