using Serilog;

namespace SmartMixed.Client.Logging;

/// <summary>
/// Where the command line keeps the full reports of failures it shows as one line: daily files
/// <c>smartmixed-YYYYMMDD.log</c> in <c>$XDG_STATE_HOME/smartmixed/logs</c>, else <c>~/.local/state/smartmixed/logs</c>,
/// created on demand, the last 14 kept.
/// </summary>
public static class ClientLog
{
    /// <summary>The log directory for this environment (<paramref name="getVariable"/> replaces the process environment in tests).</summary>
    public static string Directory(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        // The XDG spec says relative values are invalid and must be ignored.
        if (getVariable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
            return Path.Combine(state, "smartmixed", "logs");
        var home = getVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "state", "smartmixed", "logs");
    }

    /// <summary>Writes the failure with its full stack trace; returns the file written, or null when no log could be written.</summary>
    public static string? Write(Exception error, IReadOnlyList<string> args)
    {
        var directory = Directory();
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            var started = DateTime.Now;
            using (var logger = new LoggerConfiguration()
                       .WriteTo.File(Path.Combine(directory, "smartmixed-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                           outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
                       .CreateLogger())
            {
                logger.Error(error, "smartmixed {Arguments} failed", string.Join(" ", args));
            }
            // Serilog names the file after the day (and adds _001 when the file is locked); it never throws on failure.
            return new DirectoryInfo(directory).EnumerateFiles("smartmixed-*.log")
                .Where(f => f.LastWriteTime >= started.AddSeconds(-2))
                .MaxBy(f => f.LastWriteTimeUtc)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
