using System.IO.Compression;
using SmartMixed.Training.Data;
using SmartMixed.Training.Output;

namespace SmartMixed.Training.Tests.Data;

/// <summary><c>data list</c> says "present" only for IDX files that verify; damaged ones are corrupt, naming the file.</summary>
public sealed class IdxVerificationTests : IDisposable
{
    private const string Name = "tiny-idx";
    private readonly TestDirectory _root = new();
    private readonly Dictionary<string, byte[]> _content = new()
    {
        ["train-images-idx3-ubyte.gz"] = IdxTestFiles.Images(50, 28, 28, seed: 1),
        ["train-labels-idx1-ubyte.gz"] = IdxTestFiles.LabelsFor(50),
        ["t10k-images-idx3-ubyte.gz"] = IdxTestFiles.Images(20, 28, 28, seed: 2),
        ["t10k-labels-idx1-ubyte.gz"] = IdxTestFiles.LabelsFor(20),
    };
    private readonly IdxDatasetSource _source;

    public IdxVerificationTests()
    {
        ChecksummedFile Checksummed(string name) =>
            new(name, IdxTestFiles.Sha256(IdxTestFiles.Gzip(_content[name])), IdxTestFiles.Sha256(_content[name]));
        _source = new IdxDatasetSource(new IdxDatasetDefinition(Name, "tiny test set",
            Checksummed("train-images-idx3-ubyte.gz"), Checksummed("train-labels-idx1-ubyte.gz"),
            Checksummed("t10k-images-idx3-ubyte.gz"), Checksummed("t10k-labels-idx1-ubyte.gz"),
            [new Uri("http://127.0.0.1:1/")]));
    }

    public void Dispose() => _root.Dispose();

    private DataDirectories Directories => new(Path.Combine(_root.Path, "cache"), DebianFashionMnist: null);

    private string Cached(string name) => Path.Combine(Directories.CacheFor(Name), name);

    private void WriteAll(CompressionLevel level = CompressionLevel.Optimal)
    {
        foreach (var (name, content) in _content) _root.Write(Path.Combine("cache", Name, name), IdxTestFiles.Gzip(content, level));
    }

    [Fact]
    public void Downloaded_and_recompressed_copies_are_present()
    {
        WriteAll();
        Assert.True(_source.Probe(Directories).IsPresent);
        WriteAll(CompressionLevel.Fastest); // other gzip bytes, same content (as Debian's)
        var status = _source.Probe(Directories);
        Assert.True(status.IsPresent);
        Assert.Equal((50, 20), (status.TrainPoolCount, status.TestCount));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public void A_truncated_file_is_corrupt_not_present(int cut)
    {
        WriteAll();
        var path = Cached("train-images-idx3-ubyte.gz");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^cut]);

        var status = _source.Probe(Directories);

        Assert.False(status.IsPresent);
        Assert.True(status.IsCorrupt);
        Assert.StartsWith($"corrupt: {path}: ", status.Note);
        Assert.EndsWith("; fetch it again with ./smartmixed data fetch tiny-idx", status.Note);
        Assert.Throws<DataFileException>(() => _source.LoadPoolAndTest(Directories));
    }

    [Fact]
    public void A_file_with_a_sound_header_but_other_pixels_is_corrupt()
    {
        WriteAll();
        var path = Cached("t10k-images-idx3-ubyte.gz");
        File.WriteAllBytes(path, IdxTestFiles.Gzip(IdxTestFiles.Images(20, 28, 28, seed: 99)));

        Assert.Contains($"{path}: content SHA-256 mismatch", _source.Probe(Directories).Problem);
    }

    [Fact]
    public async Task Fetching_into_an_unwritable_cache_fails_before_any_download()
    {
        if (!Directory.Exists("/proc/self")) return;
        var ex = await Assert.ThrowsAsync<UnwritableDirectoryException>(() =>
            _source.FetchAsync(new DataDirectories("/proc/smartmixed-cache", DebianFashionMnist: null)));
        Assert.StartsWith("the data cache /proc/smartmixed-cache/tiny-idx cannot be created: /proc is not writable", ex.Message);
        Assert.EndsWith("; set SMARTMIXED_DATA to a writable directory", ex.Message);
    }

    [Fact]
    public void Writability_is_checked_without_creating_anything()
    {
        var target = Path.Combine(_root.Path, "a", "b", "c");
        WritableDirectory.Check(target, "--out");
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "a")));
        Assert.Empty(Directory.GetFileSystemEntries(_root.Path));

        File.WriteAllText(Path.Combine(_root.Path, "file"), "x");
        var ex = Assert.Throws<UnwritableDirectoryException>(() => WritableDirectory.Check(Path.Combine(_root.Path, "file", "sub"), "--out", "choose another --out"));
        Assert.Equal($"--out {Path.Combine(_root.Path, "file", "sub")} cannot be created: {Path.Combine(_root.Path, "file")} is a file, not a directory; choose another --out", ex.Message);
    }
}
