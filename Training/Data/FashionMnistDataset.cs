namespace SmartMixed.Training.Data;

/// <summary>
/// Zalando's Fashion-MNIST (60,000 train + 10,000 test clothing images), MNIST's IDX layout.
/// </summary>
/// <remarks>
/// Debian's <c>dataset-fashion-mnist</c> package (0.0~git20200523) re-compressed the files: its .gz files
/// differ from upstream's (no file name in the gzip header, other sizes and hashes), but their decompressed
/// content is byte-identical to upstream's (checked against the content hashes below). So every copy is
/// verified by the SHA-256 of its decompressed content when loaded, and downloads by upstream's .gz hash.
/// </remarks>
public static class FashionMnistDataset
{
    public const string Name = "fashion-mnist";

    /// <summary>Zalando's S3 bucket, then the files committed to the zalandoresearch/fashion-mnist repository.</summary>
    public static readonly IReadOnlyList<Uri> Mirrors =
    [
        new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
    ];

    // Download (.gz) SHA-256: tensorflow/datasets tensorflow_datasets/url_checksums/fashion_mnist.txt, matching
    // the sizes and MD5s in Zalando's README (e.g. train images 26,421,880 bytes, MD5 8d4fb7e6…).
    // Content SHA-256: pinned by independent projects for the decompressed files, and equal to what
    // Debian's package decompresses to.
    public static readonly IdxDatasetDefinition Definition = new(
        Name,
        "Fashion-MNIST clothing images, 60,000 train + 10,000 test (Debian package or Zalando's mirrors)",
        TrainImages: new("train-images-idx3-ubyte.gz",
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        TrainLabels: new("train-labels-idx1-ubyte.gz",
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        TestImages: new("t10k-images-idx3-ubyte.gz",
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        TestLabels: new("t10k-labels-idx1-ubyte.gz",
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        Mirrors);

    public static IdxDatasetSource CreateSource(HttpClient? httpClient = null) =>
        new(Definition, directories => directories.DebianFashionMnist, httpClient);
}
