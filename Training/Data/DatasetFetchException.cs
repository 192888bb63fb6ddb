namespace SmartMixed.Training.Data;

/// <summary>Fetching a data set failed (every mirror failed, npm failed, a download had the wrong checksum).</summary>
public sealed class DatasetFetchException : Exception
{
    public DatasetFetchException(string message, Exception? inner = null) : base(message, inner) { }
}
