namespace SmartMixed.Training.Data;

/// <summary>Images read from an IDX file: <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/> grey bytes.</summary>
public sealed class IdxImages
{
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        if ((long)count * rows * columns != pixels.Length)
            throw new ArgumentException($"{pixels.Length} pixels do not form {count} images of {rows}×{columns}.");
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    public int Count { get; }
    public int Rows { get; }
    public int Columns { get; }
    public int PixelsPerImage => Rows * Columns;
    public byte[] Pixels { get; }

    /// <summary>
    /// Pixels scaled as the reference does (value / 255f, like torchvision's ToTensor) and flattened row-major;
    /// no mean/std normalisation.
    /// </summary>
    public float[] ToFeatures()
    {
        var features = new float[Pixels.Length];
        for (int i = 0; i < features.Length; i++) features[i] = Pixels[i] / 255f;
        return features;
    }
}
