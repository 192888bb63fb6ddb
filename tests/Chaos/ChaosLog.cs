using System.Diagnostics;

namespace SmartMixed.Chaos;

/// <summary>Lines on the console and in the work directory's chaos.log, each with the seconds since the start.</summary>
public sealed class ChaosLog(string path) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StreamWriter _file = new(path, append: true) { AutoFlush = true };

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Line(string text)
    {
        var line = $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}";
        Console.WriteLine(line);
        _file.WriteLine(line);
    }

    /// <summary>A line without a time stamp (headers, the summary).</summary>
    public void Plain(string text)
    {
        Console.WriteLine(text);
        _file.WriteLine(text);
    }

    public void Dispose() => _file.Dispose();
}
