namespace SmartMixed.Grains.Hosting;

/// <summary>Secrets read from files (a mounted Kubernetes Secret, a file only its owner can read), never from the repository.</summary>
public static class Secrets
{
    /// <summary>The file's text without a trailing line break; a clear error naming <paramref name="setting"/> otherwise.</summary>
    public static string Read(string path, string setting)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ClusterConfigurationException($"{setting}: cannot read {path} ({e.GetType().Name}: {e.Message})", e);
        }
        text = text.TrimEnd('\r', '\n');
        if (text.Length == 0) throw new ClusterConfigurationException($"{setting}: {path} is empty");
        return text;
    }
}
