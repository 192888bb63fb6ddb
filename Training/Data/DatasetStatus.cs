namespace SmartMixed.Training.Data;

/// <summary>One line of <c>smartmixed data list</c>: is a data set here, where, and how big.</summary>
/// <param name="Name">Catalog name.</param>
/// <param name="Description">What it is, in a few words.</param>
/// <param name="IsPresent">True when <see cref="DatasetCatalog.Load"/> would find it.</param>
/// <param name="Location">Directory or file it is loaded from (or would be fetched into).</param>
/// <param name="TrainPoolCount">Samples the training pool holds (split into train and validation), if known.</param>
/// <param name="TestCount">Samples of the test set, if known.</param>
/// <param name="Note">What is missing or how to get it.</param>
/// <param name="Problem">Set when the files are there but damaged (then <paramref name="IsPresent"/> is false): what is wrong, naming the file.</param>
public sealed record DatasetStatus(
    string Name,
    string Description,
    bool IsPresent,
    string Location,
    int? TrainPoolCount,
    int? TestCount,
    string? Note = null,
    string? Problem = null)
{
    public bool IsCorrupt => Problem is not null;
}
