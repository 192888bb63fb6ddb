namespace SmartMixed.Training.Data;

/// <summary>
/// One named data set: knows where its files are, loads them offline and fetches them on request.
/// </summary>
public interface IDatasetSource
{
    string Name { get; }
    string Description { get; }

    /// <summary>Cheap check of what is present (reads no more than file headers).</summary>
    DatasetStatus Probe(DataDirectories directories);

    /// <summary>
    /// The training pool (later split into train and validation) and the fixed test set. Never downloads:
    /// throws <see cref="DatasetUnavailableException"/> when the files are not here.
    /// </summary>
    (LabeledData Pool, LabeledData Test) LoadPoolAndTest(DataDirectories directories);

    /// <summary>Brings the data set onto this machine (no-op when already present); reports progress lines.</summary>
    Task FetchAsync(DataDirectories directories, IProgress<string>? progress = null, CancellationToken cancellationToken = default);
}
