using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pair_round_trips_pixels_scaled_by_255_and_labels(bool gzip)
    {
        var images = IdxTestFiles.Images(7, 4, 3);
        var labels = IdxTestFiles.Labels(3, 1, 4, 1, 5, 9, 2);
        string imagesPath = _dir.Write("images.idx", gzip ? IdxTestFiles.Gzip(images) : images);
        string labelsPath = _dir.Write("labels.idx", gzip ? IdxTestFiles.Gzip(labels) : labels);

        var data = IdxReader.ReadPair(imagesPath, labelsPath);

        Assert.Equal(7, data.Count);
        Assert.Equal(12, data.FeatureCount);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal([3, 1, 4, 1, 5, 9, 2], data.Labels);
        var pixels = IdxTestFiles.PixelsFor(7, 4, 3);
        Assert.Equal(pixels.Select(p => p / 255f).ToArray(), data.Features);
        Assert.Contains(0f, data.Features);
        Assert.Contains(1f, data.Features);
        Assert.Equal(gzip, IdxReader.IsGzip(imagesPath));
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_not_by_extension()
    {
        var images = IdxTestFiles.Images(2, 2, 2);
        string gzipWithoutExtension = _dir.Write("images-idx3-ubyte", IdxTestFiles.Gzip(images));
        string rawNamedGz = _dir.Write("images-idx3-ubyte.gz", images);

        Assert.Equal(images[16..], IdxReader.ReadImages(gzipWithoutExtension).Pixels);
        Assert.Equal(images[16..], IdxReader.ReadImages(rawNamedGz).Pixels);
    }

    [Fact]
    public void Header_gives_the_counts_without_reading_the_pixels()
    {
        string path = _dir.Write("images.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(5, 3, 2)));

        var header = IdxReader.ReadHeader(path, IdxReader.ImagesMagic);

        Assert.Equal(5, header.Count);
        Assert.Equal([5, 3, 2], header.Dimensions);
        Assert.Equal(0x08, header.DataType);
    }

    [Fact]
    public void Content_checksum_is_of_the_decompressed_bytes_whatever_the_compression()
    {
        var labels = IdxTestFiles.LabelsFor(20);
        string sha = IdxTestFiles.Sha256(labels);
        string fast = _dir.Write("fast.gz", IdxTestFiles.Gzip(labels, System.IO.Compression.CompressionLevel.Fastest));
        string best = _dir.Write("best.gz", IdxTestFiles.Gzip(labels, System.IO.Compression.CompressionLevel.SmallestSize));
        string raw = _dir.Write("raw", labels);

        foreach (var path in new[] { fast, best, raw })
            Assert.Equal(20, IdxReader.ReadLabels(path, sha).Length);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(fast, new string('0', 64)));
        Assert.Contains("fast.gz", ex.Message);
        Assert.Contains("content SHA-256 mismatch", ex.Message);
        Assert.Contains(sha, ex.Message);
    }

    [Fact]
    public void Bad_magic_number_is_reported_with_the_file()
    {
        byte[] notIdx = [0x50, 0x4B, 0x03, 0x04, .. new byte[40]];
        string path = _dir.Write("train-images-idx3-ubyte", notIdx);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains("train-images-idx3-ubyte", ex.Message);
        Assert.Contains("bad magic number 0x504B0304", ex.Message);
    }

    [Fact]
    public void A_labels_file_where_images_are_expected_is_a_bad_magic_number()
    {
        string path = _dir.Write("swapped.gz", IdxTestFiles.Gzip(IdxTestFiles.LabelsFor(4)));

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("swapped.gz", ex.Message);
        Assert.Contains("bad magic number 0x00000801 (IDX labels): expected 0x00000803 (IDX images)", ex.Message);
    }

    [Fact]
    public void Wrong_data_type_is_reported()
    {
        byte[] floats = [.. IdxTestFiles.Header(0x00000D03, 1, 2, 2), .. new byte[16]];
        string path = _dir.Write("float-images", floats);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("float-images", ex.Message);
        Assert.Contains("wrong data type 0x0D (float)", ex.Message);
        Assert.Contains("expected 0x08 (unsigned byte)", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_pixels_are_reported_with_what_the_header_promised(bool gzip)
    {
        var images = IdxTestFiles.Images(5, 4, 3);
        var cut = images[..(images.Length - 7)];
        string path = _dir.Write("train-images-idx3-ubyte.gz", gzip ? IdxTestFiles.Gzip(cut) : cut);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("train-images-idx3-ubyte.gz", ex.Message);
        Assert.Contains("truncated: header says 5 images of 4×3 but only 53 bytes of pixels follow (expected 60)", ex.Message);
    }

    [Fact]
    public void A_file_too_short_for_its_header_is_truncated()
    {
        string path = _dir.Write("stub", [0, 0, 8, 3, 0, 0]);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("stub", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void A_gzip_stream_cut_short_is_an_error_naming_the_file()
    {
        var gz = IdxTestFiles.Gzip(IdxTestFiles.Images(50, 28, 28, seed: 3));
        string path = _dir.Write("cut.gz", gz[..(gz.Length / 2)]);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("cut.gz", ex.Message);
        Assert.True(ex.Message.Contains("truncated") || ex.Message.Contains("corrupt gzip"), ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_an_error(bool gzip)
    {
        byte[] content = [.. IdxTestFiles.LabelsFor(6), 1, 2, 3];
        string path = _dir.Write("train-labels-idx1-ubyte", gzip ? IdxTestFiles.Gzip(content) : content);

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("train-labels-idx1-ubyte", ex.Message);
        Assert.Contains("3 trailing bytes after the 6 labels the header declares", ex.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        string images = _dir.Write("imgs.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(5, 2, 2)));
        string labels = _dir.Write("lbls.gz", IdxTestFiles.Gzip(IdxTestFiles.LabelsFor(4)));

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadPair(images, labels));

        Assert.Contains("imgs.gz", ex.Message);
        Assert.Contains("lbls.gz", ex.Message);
        Assert.Contains("count mismatch: 5 images but", ex.Message);
        Assert.Contains("has 4 labels", ex.Message);
    }

    [Fact]
    public void Labels_beyond_the_class_count_are_rejected()
    {
        string images = _dir.Write("imgs", IdxTestFiles.Images(3, 2, 2));
        string labels = _dir.Write("lbls", IdxTestFiles.Labels(0, 12, 1));

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadPair(images, labels));

        Assert.Contains("lbls", ex.Message);
        Assert.Contains("label 12 at index 1 is outside 0..9", ex.Message);
    }

    [Fact]
    public void Missing_file_is_a_data_file_error()
    {
        string path = _dir.File("nowhere.gz");

        var ex = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("nowhere.gz: file not found", ex.Message);
    }
}
