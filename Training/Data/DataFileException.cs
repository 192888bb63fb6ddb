namespace SmartMixed.Training.Data;

/// <summary>
/// A data file exists but cannot be used: wrong format, wrong size, wrong checksum.
/// The message always starts with the file's path so a user can find and delete or re-fetch it.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }
    public string Problem { get; }
}
