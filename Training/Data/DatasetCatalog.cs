namespace SmartMixed.Training.Data;

/// <summary>
/// The data sets a run can name in its <see cref="DataSpec"/>, and the entry point of
/// <c>smartmixed data list</c> / <c>smartmixed data fetch NAME</c>. Loading is always offline.
/// </summary>
public static class DatasetCatalog
{
    private static readonly IDatasetSource[] Sources =
    [
        MnistDataset.CreateSource(),
        FashionMnistDataset.CreateSource(),
        new NpmMnistSource(),
        new SyntheticSource(),
    ];

    public static IReadOnlyList<string> Names { get; } = Sources.Select(s => s.Name).ToArray();

    /// <summary>The source of a data set; <see cref="UnknownDatasetException"/> (listing valid names) otherwise.</summary>
    public static IDatasetSource Get(string? name) =>
        Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
        ?? throw new UnknownDatasetException(name, Names);

    /// <summary>
    /// Loads and splits the data set a run asks for. Never downloads: a missing data set throws
    /// <see cref="DatasetUnavailableException"/> naming the fetch command.
    /// </summary>
    public static DatasetSplit Load(DataSpec spec, DataDirectories directories)
    {
        var source = Get(spec.Name);
        var (pool, test) = source.LoadPoolAndTest(directories);
        return DatasetSplitter.Split(source.Name, pool, test, spec);
    }

    /// <summary><see cref="Load(DataSpec, DataDirectories)"/> with the directories from the environment.</summary>
    public static DatasetSplit Load(DataSpec spec) => Load(spec, DataDirectories.FromEnvironment());

    /// <summary>What is present locally, one entry per data set, in catalog order.</summary>
    public static IReadOnlyList<DatasetStatus> List(DataDirectories directories) =>
        Sources.Select(s => s.Probe(directories)).ToArray();

    /// <summary>Fetches one data set (no-op when present) and returns its status afterwards.</summary>
    public static async Task<DatasetStatus> FetchAsync(
        string name,
        DataDirectories directories,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var source = Get(name);
        await source.FetchAsync(directories, progress, cancellationToken).ConfigureAwait(false);
        return source.Probe(directories);
    }
}
