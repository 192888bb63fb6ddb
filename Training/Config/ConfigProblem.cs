namespace SmartMixed.Training.Config;

/// <summary>One thing wrong with a config or spec, at a path such as <c>temperature.start</c>.</summary>
public sealed record ConfigProblem(string Path, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}

/// <summary>A config or spec that cannot run; carries every problem found, not just the first.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    public ConfigException(string path, string message) : this([new ConfigProblem(path, message)]) { }
}
