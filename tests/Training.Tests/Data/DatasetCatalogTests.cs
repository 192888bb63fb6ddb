using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TestDirectory _cache = new();

    public void Dispose() => _cache.Dispose();

    private DataDirectories EmptyMachine => new(_cache.Path, DebianFashionMnist: null);

    [Fact]
    public void Names_are_the_four_data_sets()
    {
        Assert.Equal(["mnist", "fashion-mnist", "mnist-npm10k", "synthetic"], DatasetCatalog.Names);
    }

    [Theory]
    [InlineData("MNIST")]
    [InlineData("cifar10")]
    [InlineData("")]
    public void Unknown_name_lists_the_valid_ones(string name)
    {
        var ex = Assert.Throws<UnknownDatasetException>(() => DatasetCatalog.Load(new DataSpec(name), EmptyMachine));

        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("mnist, fashion-mnist, mnist-npm10k, synthetic", ex.Message);
    }

    [Theory]
    [InlineData("mnist")]
    [InlineData("fashion-mnist")]
    [InlineData("mnist-npm10k")]
    public void Absent_data_sets_are_not_downloaded_but_name_the_fetch_command(string name)
    {
        var ex = Assert.Throws<DatasetUnavailableException>(() => DatasetCatalog.Load(new DataSpec(name), EmptyMachine));

        Assert.Equal(name, ex.DatasetName);
        Assert.EndsWith($"fetch it with: ./smartmixed data fetch {name}", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public void List_on_an_empty_machine_has_only_synthetic()
    {
        var statuses = DatasetCatalog.List(EmptyMachine);

        Assert.Equal(DatasetCatalog.Names, statuses.Select(s => s.Name));
        var synthetic = Assert.Single(statuses, s => s.IsPresent);
        Assert.Equal(("synthetic", 3_000, 1_000), (synthetic.Name, synthetic.TrainPoolCount, synthetic.TestCount));
        foreach (var absent in statuses.Where(s => !s.IsPresent))
        {
            Assert.Equal(Path.Combine(_cache.Path, absent.Name), absent.Location);
            Assert.Contains($"./smartmixed data fetch {absent.Name}", absent.Note);
        }
    }

    [Fact]
    public async Task Fetching_synthetic_does_nothing_and_reports_it_present()
    {
        var progress = new ProgressLog();

        var status = await DatasetCatalog.FetchAsync("synthetic", EmptyMachine, progress);

        Assert.True(status.IsPresent);
        Assert.Contains(progress.Lines, l => l.Contains("nothing to fetch"));
        await Assert.ThrowsAsync<UnknownDatasetException>(() => DatasetCatalog.FetchAsync("nope", EmptyMachine));
    }

    [Fact]
    public void Load_synthetic_applies_the_spec()
    {
        var split = DatasetCatalog.Load(new DataSpec("synthetic", 0.1, 42), EmptyMachine);

        Assert.Equal("synthetic", split.Name);
        Assert.Equal((2_700, 300, 1_000), (split.Train.Count, split.Validation.Count, split.Test.Count));
    }

    [Fact]
    public void Cache_directory_comes_from_the_environment_in_order()
    {
        static Func<string, string?> Env(params (string Key, string Value)[] variables) =>
            key => variables.FirstOrDefault(v => v.Key == key).Value;

        Assert.Equal("/data/sm", DataDirectories.FromEnvironment(Env(("SMARTMIXED_DATA", "/data/sm"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/home/u"))).Cache);
        Assert.Equal("/x/smartmixed/data", DataDirectories.FromEnvironment(Env(("XDG_CACHE_HOME", "/x"), ("HOME", "/home/u"))).Cache);
        Assert.Equal("/home/u/.cache/smartmixed/data", DataDirectories.FromEnvironment(Env(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u"))).Cache);
        Assert.Equal("/home/u/.cache/smartmixed/data", DataDirectories.FromEnvironment(Env(("HOME", "/home/u"))).Cache);
        Assert.Equal(DataDirectories.DebianFashionMnistPath, DataDirectories.FromEnvironment(Env(("HOME", "/home/u"))).DebianFashionMnist);
        Assert.Equal("/home/u/.cache/smartmixed/data/mnist", DataDirectories.FromEnvironment(Env(("HOME", "/home/u"))).CacheFor("mnist"));
    }
}
