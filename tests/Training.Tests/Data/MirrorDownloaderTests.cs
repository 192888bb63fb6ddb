using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

public sealed class MirrorDownloaderTests : IDisposable
{
    private const string FileName = "train-labels-idx1-ubyte.gz";
    private readonly LoopbackHttpServer _server = new();
    private readonly TestDirectory _cache = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly byte[] _content = IdxTestFiles.Gzip(IdxTestFiles.LabelsFor(300));

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task Downloads_verifies_and_caches_then_serves_from_the_cache()
    {
        _server.Serve("/good/" + FileName, _content);
        var downloader = new MirrorDownloader([_server.Base("good")], _http);
        var progress = new ProgressLog();

        bool downloaded = await downloader.FetchAsync(FileName, IdxTestFiles.Sha256(_content), _cache.Path, progress);

        Assert.True(downloaded);
        Assert.Equal(_content, File.ReadAllBytes(_cache.File(FileName)));
        Assert.Equal(1, _server.Hits("/good/" + FileName));
        Assert.Contains(progress.Lines, l => l.Contains("SHA-256 verified"));

        bool again = await downloader.FetchAsync(FileName, IdxTestFiles.Sha256(_content), _cache.Path, progress);

        Assert.False(again);
        Assert.Equal(1, _server.TotalHits);
        Assert.Equal([_cache.File(FileName)], Directory.GetFiles(_cache.Path));
    }

    [Fact]
    public async Task Checksum_mismatch_is_an_error_and_keeps_nothing()
    {
        _server.Serve("/evil/" + FileName, _content);
        var downloader = new MirrorDownloader([_server.Base("evil")], _http);
        string expected = IdxTestFiles.Sha256([1, 2, 3]);

        var ex = await Assert.ThrowsAsync<DatasetFetchException>(() => downloader.FetchAsync(FileName, expected, _cache.Path));

        Assert.Contains(FileName, ex.Message);
        Assert.Contains($"expected {expected}", ex.Message);
        Assert.Contains($"actual {IdxTestFiles.Sha256(_content)}", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task A_mirror_answering_404_falls_back_to_the_next()
    {
        _server.Serve("/second/" + FileName, _content);
        var downloader = new MirrorDownloader([_server.Base("first"), _server.Base("second")], _http);
        var progress = new ProgressLog();

        bool downloaded = await downloader.FetchAsync(FileName, IdxTestFiles.Sha256(_content), _cache.Path, progress);

        Assert.True(downloaded);
        Assert.Equal(1, _server.Hits("/first/" + FileName));
        Assert.Equal(1, _server.Hits("/second/" + FileName));
        Assert.Equal(_content, File.ReadAllBytes(_cache.File(FileName)));
        Assert.Contains(progress.Lines, l => l.Contains("404"));
    }

    [Fact]
    public async Task When_every_mirror_fails_the_error_lists_each_one()
    {
        var downloader = new MirrorDownloader([_server.Base("a"), _server.Base("b")], _http);

        var ex = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            downloader.FetchAsync(FileName, IdxTestFiles.Sha256(_content), _cache.Path));

        Assert.Contains(_server.Base("a") + FileName + ": HTTP 404", ex.Message);
        Assert.Contains(_server.Base("b") + FileName + ": HTTP 404", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task A_wrong_cached_file_is_downloaded_again()
    {
        _server.Serve("/good/" + FileName, _content);
        _cache.Write(FileName, [9, 9, 9]);
        var downloader = new MirrorDownloader([_server.Base("good")], _http);

        bool downloaded = await downloader.FetchAsync(FileName, IdxTestFiles.Sha256(_content), _cache.Path);

        Assert.True(downloaded);
        Assert.Equal(_content, File.ReadAllBytes(_cache.File(FileName)));
    }

    [Fact]
    public void Base_urls_without_trailing_slash_keep_their_last_segment()
    {
        var downloader = new MirrorDownloader([new Uri("https://example.org/exdb/mnist")]);
        Assert.Equal("https://example.org/exdb/mnist/", downloader.BaseUrls[0].AbsoluteUri);
    }
}

/// <summary>Collects progress lines synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
public sealed class ProgressLog : IProgress<string>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public void Report(string value)
    {
        lock (_lines) _lines.Add(value);
    }
}
