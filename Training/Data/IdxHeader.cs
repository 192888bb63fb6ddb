namespace SmartMixed.Training.Data;

/// <summary>
/// The header of an IDX file: a big-endian magic number (0x00, 0x00, data type, number of dimensions)
/// followed by one big-endian 32-bit size per dimension.
/// </summary>
public sealed record IdxHeader(int Magic, IReadOnlyList<int> Dimensions)
{
    /// <summary>The data type byte of the magic number (0x08 = unsigned byte).</summary>
    public byte DataType => (byte)((Magic >> 8) & 0xFF);

    /// <summary>Number of items (images or labels): the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes the header itself occupies.</summary>
    public int Length => 4 + 4 * Dimensions.Count;

    /// <summary>Bytes of unsigned-byte data the header announces.</summary>
    public long PayloadLength
    {
        get
        {
            long length = 1;
            foreach (var dimension in Dimensions) length *= dimension;
            return length;
        }
    }
}
