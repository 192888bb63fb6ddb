namespace SmartMixed.Training.Data;

/// <summary>
/// A known data set is not on this machine. Loading never downloads (runs must be reproducible and
/// offline-safe), so the message tells the user the one command that fetches it.
/// </summary>
public sealed class DatasetUnavailableException : Exception
{
    public DatasetUnavailableException(string datasetName, string detail)
        : base($"data set '{datasetName}' is not available locally ({detail}); fetch it with: {FetchCommandFor(datasetName)}")
    {
        DatasetName = datasetName;
        FetchCommand = FetchCommandFor(datasetName);
    }

    public string DatasetName { get; }
    public string FetchCommand { get; }

    public static string FetchCommandFor(string datasetName) => $"./smartmixed data fetch {datasetName}";
}
