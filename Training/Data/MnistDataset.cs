namespace SmartMixed.Training.Data;

/// <summary>
/// The original MNIST (60,000 train + 10,000 test handwritten digits), as the four standard IDX .gz files.
/// </summary>
public static class MnistDataset
{
    public const string Name = "mnist";

    /// <summary>
    /// Tried in order: PyTorch's S3 copy (torchvision's first mirror), Google's CVDF copy (TensorFlow's),
    /// then the original site, which often refuses downloads nowadays.
    /// </summary>
    public static readonly IReadOnlyList<Uri> Mirrors =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
        new("http://yann.lecun.com/exdb/mnist/"),
    ];

    // Download (.gz) SHA-256: tensorflow/datasets tensorflow_datasets/url_checksums/mnist.txt (CVDF mirror),
    // the same values that torchvision-style loaders pin for the ossci-datasets mirror.
    // Content (decompressed IDX) SHA-256: published by several independent projects that pin the raw
    // files (e.g. data-fetch scripts checking 47,040,016 / 60,008 / 7,840,016 / 10,008-byte files).
    public static readonly IdxDatasetDefinition Definition = new(
        Name,
        "MNIST handwritten digits, 60,000 train + 10,000 test (IDX files from public mirrors)",
        TrainImages: new("train-images-idx3-ubyte.gz",
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        TrainLabels: new("train-labels-idx1-ubyte.gz",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        TestImages: new("t10k-images-idx3-ubyte.gz",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        TestLabels: new("t10k-labels-idx1-ubyte.gz",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        Mirrors);

    public static IdxDatasetSource CreateSource(HttpClient? httpClient = null) => new(Definition, httpClient: httpClient);
}
