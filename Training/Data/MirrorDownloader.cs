using System.Security.Cryptography;

namespace SmartMixed.Training.Data;

/// <summary>
/// Downloads a published file from the first mirror that serves it with the expected SHA-256.
/// Public data set hosts come and go (yann.lecun.com has refused downloads for years), so several
/// mirrors are tried in order; the base URLs are injected so tests can use a loopback server.
/// A download lands in a temporary file next to its target and is moved into place only once its
/// checksum matches: the cache never holds a partial or wrong file under the real name.
/// </summary>
public sealed class MirrorDownloader
{
    private static readonly Lazy<HttpClient> SharedClient = new(() =>
        new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromMinutes(2), // until response headers; the body is read under the caller's token
        });

    private readonly HttpClient _http;

    public MirrorDownloader(IReadOnlyList<Uri> baseUrls, HttpClient? httpClient = null)
    {
        if (baseUrls.Count == 0) throw new ArgumentException("at least one mirror base URL is needed", nameof(baseUrls));
        // A base without a trailing slash would make new Uri(base, name) replace its last segment.
        BaseUrls = baseUrls.Select(u => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/")).ToArray();
        _http = httpClient ?? SharedClient.Value;
    }

    public IReadOnlyList<Uri> BaseUrls { get; }

    /// <summary>
    /// Makes <paramref name="targetDirectory"/>/<paramref name="fileName"/> a file whose SHA-256 is
    /// <paramref name="expectedSha256"/>. Returns false without any network access when it already is
    /// (or when <paramref name="acceptExisting"/> accepts the file there), true after a download.
    /// Throws <see cref="DatasetFetchException"/> naming every mirror's failure when no mirror delivers.
    /// </summary>
    public async Task<bool> FetchAsync(
        string fileName,
        string expectedSha256,
        string targetDirectory,
        IProgress<string>? progress = null,
        Func<string, bool>? acceptExisting = null,
        CancellationToken cancellationToken = default)
    {
        string target = Path.Combine(targetDirectory, fileName);
        if (File.Exists(target))
        {
            string existing = await Sha256OfFileAsync(target, cancellationToken).ConfigureAwait(false);
            if (HashEquals(existing, expectedSha256) || (acceptExisting?.Invoke(target) ?? false))
            {
                progress?.Report($"{fileName}: already in {targetDirectory}, checksum verified");
                return false;
            }
            progress?.Report($"{fileName}: cached copy has SHA-256 {existing}, expected {expectedSha256.ToLowerInvariant()}; downloading again");
        }

        Directory.CreateDirectory(targetDirectory);
        var failures = new List<string>();
        foreach (var baseUrl in BaseUrls)
        {
            var url = new Uri(baseUrl, fileName);
            string temporary = Path.Combine(targetDirectory, $".{fileName}.{Guid.NewGuid():N}.partial");
            try
            {
                progress?.Report($"{fileName}: downloading {url}");
                string actual = await DownloadAsync(url, temporary, fileName, progress, cancellationToken).ConfigureAwait(false);
                if (!HashEquals(actual, expectedSha256))
                {
                    failures.Add($"{url}: SHA-256 mismatch for {fileName}: expected {expectedSha256.ToLowerInvariant()}, actual {actual} (download discarded)");
                    progress?.Report(failures[^1]);
                    continue;
                }
                File.Move(temporary, target, overwrite: true);
                progress?.Report($"{fileName}: saved to {target}, SHA-256 verified");
                return true;
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{url}: {ex.Message}");
                progress?.Report($"{fileName}: {url} failed ({ex.Message}); trying the next mirror");
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{url}: timed out ({ex.Message})");
                progress?.Report($"{fileName}: {url} timed out; trying the next mirror");
            }
            catch (IOException ex)
            {
                failures.Add($"{url}: {ex.Message}");
                progress?.Report($"{fileName}: {url} failed ({ex.Message}); trying the next mirror");
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        throw new DatasetFetchException(
            $"{fileName}: no mirror delivered a file with SHA-256 {expectedSha256.ToLowerInvariant()}:" +
            string.Concat(failures.Select(f => Environment.NewLine + "  " + f)));
    }

    private async Task<string> DownloadAsync(Uri url, string temporary, string fileName, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);

        long? length = response.Content.Headers.ContentLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            long received = 0;
            long nextReport = ReportStep(length);
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                received += n;
                if (received >= nextReport)
                {
                    progress?.Report(length is > 0
                        ? $"{fileName}: {Megabytes(received)} of {Megabytes(length.Value)} MB ({100 * received / length.Value}%)"
                        : $"{fileName}: {Megabytes(received)} MB");
                    nextReport += ReportStep(length);
                }
            }
            if (length is not null && received != length)
                throw new IOException($"connection closed after {received} of {length} bytes");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of a file as lower-case hex.</summary>
    public static async Task<string> Sha256OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }

    private static long ReportStep(long? length) => length is > 0 ? Math.Max(length.Value / 10, 1) : 5L << 20;

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static bool HashEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
