using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartMixed.Chaos;

/// <summary>One of our programs (<c>dotnet X.dll …</c>) as a child process, its output appended to a log file.</summary>
public sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private static readonly List<Process> Started = [];
    private static bool _stopping;

    /// <summary>Kills every process started here that still runs, and starts no more (the chaos run is being stopped).</summary>
    public static void KillEverything()
    {
        lock (Started)
        {
            _stopping = true;
            foreach (var process in Started)
            {
                try
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // ended meanwhile
                }
            }
        }
    }

    private ManagedProcess(string dll, bool borrowDependencies, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (borrowDependencies)
        {
            // The programs are built next to this one, each with its own runtimeconfig.json, but only this program's
            // dependencies are complete here (the client alone would miss the Microsoft.Extensions assemblies that the
            // ASP.NET Core framework of the silo provides): run them with this program's runtime and dependency files.
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smartmixed-chaos.runtimeconfig.json"));
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smartmixed-chaos.deps.json"));
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        lock (Started)
        {
            if (_stopping) throw new OperationCanceledException("the chaos run is stopping");
            _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
            Started.Add(_process);
        }
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        LogPath = logPath;
    }

    public string LogPath { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>The last non-empty line the program printed.</summary>
    public string? LastLine { get; private set; }

    /// <summary>Starts <c>dotnet DLL ARGS</c>; with <paramref name="borrowDependencies"/>, on this program's runtime and dependency files.</summary>
    public static ManagedProcess Start(string dll, bool borrowDependencies, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logPath) =>
        new(dll, borrowDependencies, args, environment, logPath);

    /// <summary>SIGKILL, like a machine that dies: no shutdown, nothing flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM (a graceful stop, as Kubernetes asks), then SIGKILL if it has not ended within <paramref name="grace"/>.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return true;
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await signal.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellation) => _process.WaitForExitAsync(cancellation);

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{what} exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"{what} did not open port {port} within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
        if (line.Trim().Length > 0) LastLine = line.Trim();
    }

    public void Dispose()
    {
        Kill();
        lock (Started) Started.Remove(_process);
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
