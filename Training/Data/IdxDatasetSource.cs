namespace SmartMixed.Training.Data;

/// <summary>
/// Loads and fetches an <see cref="IdxDatasetDefinition"/>: looks in an optional system directory
/// (a distribution package), then in the cache; fetches into the cache from the mirrors.
/// </summary>
public sealed class IdxDatasetSource : IDatasetSource
{
    private readonly Func<DataDirectories, string?> _systemDirectory;
    private readonly HttpClient? _httpClient;

    public IdxDatasetSource(IdxDatasetDefinition definition, Func<DataDirectories, string?>? systemDirectory = null, HttpClient? httpClient = null)
    {
        Definition = definition;
        _systemDirectory = systemDirectory ?? (_ => null);
        _httpClient = httpClient;
    }

    public IdxDatasetDefinition Definition { get; }
    public string Name => Definition.Name;
    public string Description => Definition.Description;

    /// <summary>Directories searched, in order: the system copy (if any), then the cache.</summary>
    public IReadOnlyList<string> SearchDirectories(DataDirectories directories) =>
        _systemDirectory(directories) is { } system ? [system, directories.CacheFor(Name)] : [directories.CacheFor(Name)];

    /// <summary>The first searched directory holding all four files, or null.</summary>
    public string? FindDirectory(DataDirectories directories) =>
        SearchDirectories(directories).FirstOrDefault(d => Definition.Files.All(f => File.Exists(Path.Combine(d, f.FileName))));

    public DatasetStatus Probe(DataDirectories directories)
    {
        var directory = FindDirectory(directories);
        if (directory is null)
        {
            string cache = directories.CacheFor(Name);
            var missing = Definition.Files.Where(f => !File.Exists(Path.Combine(cache, f.FileName))).Select(f => f.FileName);
            return new DatasetStatus(Name, Description, false, cache, null, null,
                $"missing {string.Join(", ", missing)}; fetch with {DatasetUnavailableException.FetchCommandFor(Name)}");
        }

        try
        {
            int train = IdxReader.ReadHeader(Path.Combine(directory, Definition.TrainImages.FileName), IdxReader.ImagesMagic).Count;
            int test = IdxReader.ReadHeader(Path.Combine(directory, Definition.TestImages.FileName), IdxReader.ImagesMagic).Count;
            return new DatasetStatus(Name, Description, true, directory, train, test);
        }
        catch (DataFileException ex)
        {
            return new DatasetStatus(Name, Description, false, directory, null, null, $"unreadable: {ex.Message}");
        }
    }

    public (LabeledData Pool, LabeledData Test) LoadPoolAndTest(DataDirectories directories)
    {
        var directory = FindDirectory(directories) ?? throw new DatasetUnavailableException(Name,
            $"{string.Join(", ", Definition.Files.Select(f => f.FileName))} not all found in {string.Join(" or ", SearchDirectories(directories))}");

        // Content checksums catch a corrupted or substituted file however it was compressed.
        var pool = Read(directory, Definition.TrainImages, Definition.TrainLabels);
        var test = Read(directory, Definition.TestImages, Definition.TestLabels);
        return (pool, test);
    }

    public async Task FetchAsync(DataDirectories directories, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_systemDirectory(directories) is { } system && FindDirectory(directories) == system)
        {
            progress?.Report($"{Name}: already installed in {system}; nothing to download");
            return;
        }

        string cache = directories.CacheFor(Name);
        var downloader = new MirrorDownloader(Definition.Mirrors, _httpClient);
        foreach (var file in Definition.Files)
        {
            await downloader.FetchAsync(file.FileName, file.DownloadSha256, cache, progress,
                acceptExisting: path => HasContent(path, file), cancellationToken).ConfigureAwait(false);
        }
        progress?.Report($"{Name}: ready in {cache}");
    }

    private LabeledData Read(string directory, ChecksummedFile images, ChecksummedFile labels) =>
        IdxReader.ReadPair(
            Path.Combine(directory, images.FileName),
            Path.Combine(directory, labels.FileName),
            Definition.ClassCount,
            images.ContentSha256,
            labels.ContentSha256);

    // A cached file re-compressed by someone else (or copied from Debian) is as good as the download.
    private static bool HasContent(string path, ChecksummedFile file)
    {
        try
        {
            if (file.FileName.Contains("labels", StringComparison.Ordinal)) IdxReader.ReadLabels(path, file.ContentSha256);
            else IdxReader.ReadImages(path, file.ContentSha256);
            return true;
        }
        catch (DataFileException)
        {
            return false;
        }
    }
}
