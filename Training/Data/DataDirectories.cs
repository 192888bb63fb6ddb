namespace SmartMixed.Training.Data;

/// <summary>
/// Where data sets live on this machine: a per-user cache (fetched files) and the system copy of
/// Fashion-MNIST that Debian's <c>dataset-fashion-mnist</c> package installs.
/// </summary>
/// <param name="Cache">Cache root; each data set gets a sub-directory named after it.</param>
/// <param name="DebianFashionMnist">Directory of Debian's Fashion-MNIST files, or null to ignore it (tests).</param>
public sealed record DataDirectories(string Cache, string? DebianFashionMnist = DataDirectories.DebianFashionMnistPath)
{
    /// <summary>Installed by <c>apt-get install dataset-fashion-mnist</c>.</summary>
    public const string DebianFashionMnistPath = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that overrides the cache root.</summary>
    public const string CacheVariable = "SMARTMIXED_DATA";

    /// <summary>
    /// The cache root from <c>SMARTMIXED_DATA</c>, else <c>$XDG_CACHE_HOME/smartmixed/data</c>, else
    /// <c>~/.cache/smartmixed/data</c>. <paramref name="getVariable"/> replaces the process environment in tests.
    /// </summary>
    public static DataDirectories FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? explicitRoot = getVariable(CacheVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            return new DataDirectories(Path.GetFullPath(explicitRoot));

        string? xdgCache = getVariable("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (!string.IsNullOrWhiteSpace(xdgCache) && Path.IsPathRooted(xdgCache))
            return new DataDirectories(Path.Combine(xdgCache, "smartmixed", "data"));

        string home = getVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new DataDirectories(Path.Combine(home, ".cache", "smartmixed", "data"));
    }

    /// <summary>The cache sub-directory of one data set.</summary>
    public string CacheFor(string datasetName) => Path.Combine(Cache, datasetName);
}
