using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SmartMixed.Training.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw. Strict on purpose: a
/// truncated download or a mixed-up file must fail loudly with the file's path, never train on garbage.
/// </summary>
public static class IdxReader
{
    /// <summary>Unsigned bytes, three dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Unsigned bytes, one dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    /// <summary>True when the file starts with the gzip magic bytes 1f 8b (the extension is not trusted).</summary>
    public static bool IsGzip(string path)
    {
        using var file = OpenFile(path);
        return StartsWithGzipMagic(file);
    }

    /// <summary>Reads and checks only the header (cheap even for a 26 MB .gz: for listing what is present).</summary>
    public static IdxHeader ReadHeader(string path, int expectedMagic)
    {
        using var stream = OpenData(path);
        return Guard(path, () => ReadAndCheckHeader(stream, path, expectedMagic));
    }

    /// <summary>
    /// Reads an images file. With <paramref name="expectedContentSha256"/>, also checks the SHA-256 of the
    /// decompressed IDX bytes (header + pixels), which does not depend on how the file was gzipped.
    /// </summary>
    public static IdxImages ReadImages(string path, string? expectedContentSha256 = null)
    {
        var (header, payload) = ReadFile(path, ImagesMagic, expectedContentSha256);
        return new IdxImages(header.Dimensions[0], header.Dimensions[1], header.Dimensions[2], payload);
    }

    /// <summary>Reads a labels file (one unsigned byte per item); see <see cref="ReadImages"/> for the checksum.</summary>
    public static byte[] ReadLabels(string path, string? expectedContentSha256 = null) =>
        ReadFile(path, LabelsMagic, expectedContentSha256).Payload;

    /// <summary>
    /// Reads an images file and its labels file into scaled samples; the counts must match and every label
    /// must be below <paramref name="classCount"/>.
    /// </summary>
    public static LabeledData ReadPair(
        string imagesPath,
        string labelsPath,
        int classCount = 10,
        string? imagesContentSha256 = null,
        string? labelsContentSha256 = null)
    {
        var images = ReadImages(imagesPath, imagesContentSha256);
        var labelBytes = ReadLabels(labelsPath, labelsContentSha256);
        if (images.Count != labelBytes.Length)
            throw new DataFileException(imagesPath,
                $"count mismatch: {images.Count} images but {labelsPath} has {labelBytes.Length} labels");

        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] >= classCount)
                throw new DataFileException(labelsPath, $"label {labelBytes[i]} at index {i} is outside 0..{classCount - 1}");
            labels[i] = labelBytes[i];
        }
        return new LabeledData(images.ToFeatures(), labels, images.PixelsPerImage, classCount);
    }

    private static (IdxHeader Header, byte[] Payload) ReadFile(string path, int expectedMagic, string? expectedContentSha256)
    {
        using var stream = OpenData(path);
        return Guard(path, () =>
        {
            var header = ReadAndCheckHeader(stream, path, expectedMagic);
            var payload = new byte[header.PayloadLength];
            int read = stream.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false);
            if (read < payload.Length)
                throw new DataFileException(path, $"truncated: header says {Describe(header)} but only {read} bytes of {PayloadName(header)} follow (expected {payload.Length})");

            long trailing = CountRemainingBytes(stream);
            if (trailing > 0)
                throw new DataFileException(path, $"{trailing} trailing bytes after the {Describe(header)} the header declares");
            if (stream is GZipStream) CheckGzipEnd(path, header.Length + payload.Length);

            if (expectedContentSha256 is not null)
                CheckContentHash(path, header, payload, expectedContentSha256);
            return (header, payload);
        });
    }

    private static IdxHeader ReadAndCheckHeader(Stream stream, string path, int expectedMagic)
    {
        int expectedDimensions = expectedMagic & 0xFF;
        Span<byte> magicBytes = stackalloc byte[4];
        int read = stream.ReadAtLeast(magicBytes, 4, throwOnEndOfStream: false);
        if (read < 4)
            throw new DataFileException(path, $"truncated: {read} bytes, too short for an IDX header");

        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magicBytes[0] != 0 || magicBytes[1] != 0)
            throw new DataFileException(path, $"bad magic number 0x{magic:X8}: not an IDX file (expected 0x{expectedMagic:X8}, {KindName(expectedMagic)})");
        if (magicBytes[2] != UnsignedByteType)
            throw new DataFileException(path, $"wrong data type 0x{magicBytes[2]:X2} ({TypeName(magicBytes[2])}) in magic number 0x{magic:X8}: expected 0x08 (unsigned byte)");
        if (magicBytes[3] != expectedDimensions)
            throw new DataFileException(path, $"bad magic number 0x{magic:X8} ({KindName(magic)}): expected 0x{expectedMagic:X8} ({KindName(expectedMagic)})");

        Span<byte> sizeBytes = stackalloc byte[4 * expectedDimensions];
        read = stream.ReadAtLeast(sizeBytes, sizeBytes.Length, throwOnEndOfStream: false);
        if (read < sizeBytes.Length)
            throw new DataFileException(path, $"truncated: the header needs {4 + sizeBytes.Length} bytes but the file has only {4 + read}");

        var dimensions = new int[expectedDimensions];
        for (int i = 0; i < dimensions.Length; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizeBytes[(4 * i)..]);
            // A zero count is a legal (empty) file; zero rows or columns is not an image.
            if (size > int.MaxValue || (i > 0 && size == 0))
                throw new DataFileException(path, $"implausible size {size} for dimension {i} in the header");
            dimensions[i] = (int)size;
        }

        var header = new IdxHeader(magic, dimensions);
        if (header.PayloadLength > Array.MaxLength)
            throw new DataFileException(path, $"header says {Describe(header)}, {header.PayloadLength} bytes: too large to load");
        return header;
    }

    private static void CheckContentHash(string path, IdxHeader header, byte[] payload, string expected)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var headerBytes = new byte[header.Length];
        BinaryPrimitives.WriteInt32BigEndian(headerBytes, header.Magic);
        for (int i = 0; i < header.Dimensions.Count; i++)
            BinaryPrimitives.WriteInt32BigEndian(headerBytes.AsSpan(4 + 4 * i), header.Dimensions[i]);
        hash.AppendData(headerBytes);
        hash.AppendData(payload);
        string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path,
                $"content SHA-256 mismatch: expected {expected.ToLowerInvariant()}, actual {actual} (the decompressed data differ from the official file; delete it and fetch again)");
    }

    /// <summary>
    /// .NET's GZipStream stops quietly at the end of a file cut inside the gzip trailer, so the trailer is checked here:
    /// its last four bytes are the uncompressed length (mod 2^32).
    /// </summary>
    private static void CheckGzipEnd(string path, long uncompressedLength)
    {
        using var file = OpenFile(path);
        Span<byte> end = stackalloc byte[4];
        if (file.Length < 18) throw new DataFileException(path, "truncated: too short for a gzip file");
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(end);
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != (uint)uncompressedLength)
            throw new DataFileException(path, "truncated or damaged: the gzip file does not end with its length (cut short?)");
    }

    private static long CountRemainingBytes(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) total += n;
        return total;
    }

    private static Stream OpenData(string path)
    {
        var file = OpenFile(path);
        try
        {
            bool gzip = StartsWithGzipMagic(file);
            return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot open: {ex.Message}", ex);
        }
    }

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> start = stackalloc byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1f && start[1] == 0x8b;
    }

    // Corrupt gzip streams surface as InvalidDataException (or IOException) deep inside a read;
    // re-throw them with the path so the user knows which file to delete.
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException ex)
        {
            throw new DataFileException(path, $"corrupt gzip data: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new DataFileException(path, $"read error: {ex.Message}", ex);
        }
    }

    private static string Describe(IdxHeader header) => header.Dimensions.Count switch
    {
        3 => $"{header.Count} images of {header.Dimensions[1]}×{header.Dimensions[2]}",
        1 => $"{header.Count} labels",
        _ => $"dimensions {string.Join("×", header.Dimensions)}",
    };

    private static string PayloadName(IdxHeader header) => header.Dimensions.Count == 3 ? "pixels" : "labels";

    private static string KindName(int magic) => (magic & 0xFF) switch
    {
        3 => "IDX images",
        1 => "IDX labels",
        var n => $"IDX with {n} dimensions",
    };

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "short",
        0x0C => "int",
        0x0D => "float",
        0x0E => "double",
        _ => "unknown type",
    };
}
