using SmartMixed.Client;
using SmartMixed.Client.Logging;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>No stack trace ever reaches a user: an unexpected failure is one line naming the log that holds the trace.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ErrorReportTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("smartmixed-state-");
    private readonly string? _previous = Environment.GetEnvironmentVariable("XDG_STATE_HOME");

    public ErrorReportTests() => Environment.SetEnvironmentVariable("XDG_STATE_HOME", _state.FullName);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", _previous);
        _state.Delete(recursive: true);
    }

    private static int Fail() => throw new InvalidOperationException("the widget is in a bad state");

    [Fact]
    public void An_unexpected_failure_is_one_line_and_its_trace_goes_to_the_log()
    {
        var (code, text) = ConsoleCapture.Capture(() => ExitCodes.Run(["train", "--x"], Fail));

        Assert.Equal(1, code);
        var line = Assert.Single(text.Trim().Split('\n'));
        var logs = Path.Combine(_state.FullName, "smartmixed", "logs");
        Assert.StartsWith($"error: unexpected failure: the widget is in a bad state (the full report is in {logs}/smartmixed-", line);
        var log = line[(line.IndexOf(logs, StringComparison.Ordinal))..^1];
        var report = File.ReadAllText(log);
        Assert.Contains("smartmixed train --x failed", report);
        Assert.Contains("System.InvalidOperationException: the widget is in a bad state", report);
        Assert.Contains(nameof(Fail), report); // the stack trace
    }

    [Fact]
    public void Io_failures_are_one_line_too()
    {
        var (code, text) = ConsoleCapture.Capture(() => ExitCodes.Run(() => throw new UnauthorizedAccessException("Access to the path '/sys/x' is denied.")));
        Assert.Equal(1, code);
        Assert.StartsWith("error: Access to the path '/sys/x' is denied (the full report is in ", Assert.Single(text.Trim().Split('\n')));
    }

    [Fact]
    public void A_wrapped_failure_is_reported_by_its_cause()
    {
        var (code, text) = ConsoleCapture.Capture(() => ExitCodes.Run(() => throw new InvalidOperationException(
            "Failed to create an instance of grain type 'X'. See InnerException for details",
            new UnauthorizedAccessException("Access to the path '/sys/foo/checkpoints' is denied."))));
        Assert.Equal(1, code);
        Assert.StartsWith("error: Access to the path '/sys/foo/checkpoints' is denied (the full report is in ", Assert.Single(text.Trim().Split('\n')));
    }

    [Fact]
    public void Without_a_writable_log_directory_the_line_still_names_the_problem()
    {
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", "/proc/smartmixed-no-such-dir");
        var (code, text) = ConsoleCapture.Capture(() => ExitCodes.Run(Fail));
        Assert.Equal(1, code);
        Assert.Equal("error: unexpected failure: the widget is in a bad state", text.Trim());
    }

    [Fact]
    public void The_log_directory_follows_xdg_state_home_else_home()
    {
        Assert.Equal("/s/smartmixed/logs", ClientLog.Directory(v => v == "XDG_STATE_HOME" ? "/s" : null));
        Assert.Equal("/h/.local/state/smartmixed/logs", ClientLog.Directory(v => v switch { "XDG_STATE_HOME" => "relative", "HOME" => "/h", _ => null }));
    }
}
