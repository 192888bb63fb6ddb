using System.Security.Cryptography;
using SmartMixed.Training.Output;

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

    /// <summary>
    /// Present only when all four files verify: by the SHA-256 of the file as downloaded (fast), else by the SHA-256 of
    /// its decompressed content (a re-compressed copy, such as Debian's). A damaged or truncated file makes it corrupt.
    /// </summary>
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

        var problem = Definition.Files.Select(f => Verify(Path.Combine(directory, f.FileName), f)).FirstOrDefault(p => p is not null);
        if (problem is not null)
            return new DatasetStatus(Name, Description, false, directory, null, null,
                $"corrupt: {problem.Message}; fetch it again with {DatasetUnavailableException.FetchCommandFor(Name)}", problem.Message);
        int train = IdxReader.ReadHeader(Path.Combine(directory, Definition.TrainImages.FileName), IdxReader.ImagesMagic).Count;
        int test = IdxReader.ReadHeader(Path.Combine(directory, Definition.TestImages.FileName), IdxReader.ImagesMagic).Count;
        return new DatasetStatus(Name, Description, true, directory, train, test);
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
        if (Definition.Files.Any(f => Verify(Path.Combine(cache, f.FileName), f) is not null))
            WritableDirectory.Check(cache, "the data cache", $"set {DataDirectories.CacheVariable} to a writable directory");
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
    private static bool HasContent(string path, ChecksummedFile file) => Verify(path, file) is null;

    /// <summary>Why a file is not the published one (naming it), or null when it is: same download or same content.</summary>
    private static DataFileException? Verify(string path, ChecksummedFile file)
    {
        try
        {
            if (!File.Exists(path)) return new DataFileException(path, "missing");
            using (var stream = File.OpenRead(path))
                if (string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), file.DownloadSha256, StringComparison.OrdinalIgnoreCase))
                    return null;
            if (file.FileName.Contains("labels", StringComparison.Ordinal)) IdxReader.ReadLabels(path, file.ContentSha256);
            else IdxReader.ReadImages(path, file.ContentSha256);
            return null;
        }
        catch (DataFileException e)
        {
            return e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
    }
}
