namespace SmartMixed.Training.Data;

/// <summary>A data set name that the catalog does not know; the message lists the valid names.</summary>
public sealed class UnknownDatasetException : ArgumentException
{
    public UnknownDatasetException(string? name, IReadOnlyList<string> validNames)
        : base($"unknown data set '{name}'{Config.Spelling.Hint(name ?? "", validNames)}; valid names: {string.Join(", ", validNames)}")
    {
        Name = name;
        ValidNames = validNames;
    }

    public string? Name { get; }
    public IReadOnlyList<string> ValidNames { get; }
}
