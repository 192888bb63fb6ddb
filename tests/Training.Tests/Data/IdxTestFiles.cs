using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SmartMixed.Training.Tests.Data;

/// <summary>Builds small IDX files in memory, raw or gzipped, for reader and downloader tests.</summary>
public static class IdxTestFiles
{
    public static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        return header;
    }

    /// <summary>Pixel i of the file is (i * 37 + seed) mod 256, so every byte value occurs and content differs by seed.</summary>
    public static byte[] PixelsFor(int count, int rows, int columns, int seed = 0) =>
        Enumerable.Range(0, count * rows * columns).Select(i => (byte)((i * 37 + seed) % 256)).ToArray();

    public static byte[] Images(int count, int rows, int columns, int seed = 0) =>
        [.. Header(0x00000803, count, rows, columns), .. PixelsFor(count, rows, columns, seed)];

    public static byte[] Labels(params byte[] labels) => [.. Header(0x00000801, labels.Length), .. labels];

    public static byte[] LabelsFor(int count, int classCount = 10) =>
        Labels(Enumerable.Range(0, count).Select(i => (byte)(i % classCount)).ToArray());

    public static byte[] Gzip(byte[] content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
