namespace SmartMixed.Training.Data;

/// <summary>
/// An MNIST-style data set published as four IDX files (train/test × images/labels), with the mirrors
/// that serve them and their checksums.
/// </summary>
public sealed record IdxDatasetDefinition(
    string Name,
    string Description,
    ChecksummedFile TrainImages,
    ChecksummedFile TrainLabels,
    ChecksummedFile TestImages,
    ChecksummedFile TestLabels,
    IReadOnlyList<Uri> Mirrors,
    int ClassCount = 10)
{
    public IReadOnlyList<ChecksummedFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];
}
