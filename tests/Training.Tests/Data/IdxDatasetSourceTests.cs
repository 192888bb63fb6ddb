using System.IO.Compression;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

/// <summary>An MNIST-like data set of small generated files, fetched from a loopback mirror and loaded.</summary>
public sealed class IdxDatasetSourceTests : IDisposable
{
    private const string Name = "tiny-idx";
    private readonly LoopbackHttpServer _server = new();
    private readonly TestDirectory _root = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly Dictionary<string, byte[]> _content = new()
    {
        ["train-images-idx3-ubyte.gz"] = IdxTestFiles.Images(100, 28, 28, seed: 1),
        ["train-labels-idx1-ubyte.gz"] = IdxTestFiles.LabelsFor(100),
        ["t10k-images-idx3-ubyte.gz"] = IdxTestFiles.Images(30, 28, 28, seed: 2),
        ["t10k-labels-idx1-ubyte.gz"] = IdxTestFiles.LabelsFor(30),
    };
    private readonly IdxDatasetDefinition _definition;

    public IdxDatasetSourceTests()
    {
        foreach (var (name, content) in _content) _server.Serve("/mirror/" + name, IdxTestFiles.Gzip(content));
        ChecksummedFile Checksummed(string name) =>
            new(name, IdxTestFiles.Sha256(IdxTestFiles.Gzip(_content[name])), IdxTestFiles.Sha256(_content[name]));
        _definition = new IdxDatasetDefinition(Name, "tiny test set",
            Checksummed("train-images-idx3-ubyte.gz"), Checksummed("train-labels-idx1-ubyte.gz"),
            Checksummed("t10k-images-idx3-ubyte.gz"), Checksummed("t10k-labels-idx1-ubyte.gz"),
            [_server.Base("down"), _server.Base("mirror")]);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _root.Dispose();
    }

    private DataDirectories Directories => new(Path.Combine(_root.Path, "cache"), Path.Combine(_root.Path, "system"));

    [Fact]
    public async Task Load_is_offline_until_fetched_then_loads_the_verified_files()
    {
        var source = new IdxDatasetSource(_definition, httpClient: _http);

        var unavailable = Assert.Throws<DatasetUnavailableException>(() => source.LoadPoolAndTest(Directories));
        Assert.Contains($"./smartmixed data fetch {Name}", unavailable.Message);
        Assert.False(source.Probe(Directories).IsPresent);
        Assert.Equal(0, _server.TotalHits);

        await source.FetchAsync(Directories);
        var (pool, test) = source.LoadPoolAndTest(Directories);

        Assert.Equal(100, pool.Count);
        Assert.Equal(30, test.Count);
        Assert.Equal(784, pool.FeatureCount);
        Assert.Equal(_content["train-images-idx3-ubyte.gz"][16] / 255f, pool.Features[0]);
        var status = source.Probe(Directories);
        Assert.True(status.IsPresent);
        Assert.Equal((100, 30), (status.TrainPoolCount, status.TestCount));
        Assert.Equal(Directories.CacheFor(Name), status.Location);

        int hits = _server.TotalHits;
        await source.FetchAsync(Directories);
        Assert.Equal(hits, _server.TotalHits);
    }

    [Fact]
    public async Task A_recompressed_system_copy_is_used_without_downloading()
    {
        // Like Debian's package: same IDX content, different gzip bytes.
        foreach (var (name, content) in _content)
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Directories.DebianFashionMnist!).FullName, name),
                IdxTestFiles.Gzip(content, CompressionLevel.Fastest));
        var source = new IdxDatasetSource(_definition, d => d.DebianFashionMnist, _http);

        await source.FetchAsync(Directories);
        var (pool, _) = source.LoadPoolAndTest(Directories);

        Assert.Equal(0, _server.TotalHits);
        Assert.Equal(100, pool.Count);
        Assert.Equal(Directories.DebianFashionMnist, source.Probe(Directories).Location);
    }

    [Fact]
    public void A_file_with_the_right_structure_but_wrong_content_fails_to_load()
    {
        string cache = Directories.CacheFor(Name);
        foreach (var (name, content) in _content) _root.Write(Path.Combine("cache", Name, name), IdxTestFiles.Gzip(content));
        _root.Write(Path.Combine("cache", Name, "t10k-images-idx3-ubyte.gz"), IdxTestFiles.Gzip(IdxTestFiles.Images(30, 28, 28, seed: 99)));
        var source = new IdxDatasetSource(_definition, httpClient: _http);

        var ex = Assert.Throws<DataFileException>(() => source.LoadPoolAndTest(Directories));

        Assert.Contains(Path.Combine(cache, "t10k-images-idx3-ubyte.gz"), ex.Message);
        Assert.Contains("content SHA-256 mismatch", ex.Message);
    }

    [Fact]
    public void The_published_checksums_are_well_formed_and_distinct()
    {
        foreach (var definition in new[] { MnistDataset.Definition, FashionMnistDataset.Definition })
        {
            var hashes = definition.Files.SelectMany(f => new[] { f.DownloadSha256, f.ContentSha256 }).ToArray();
            Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
            Assert.Equal(hashes.Length, hashes.Distinct().Count());
            Assert.NotEmpty(definition.Mirrors);
        }
    }
}
