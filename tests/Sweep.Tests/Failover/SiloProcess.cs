using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartMixed.Sweep.Tests.Failover;

/// <summary>The real silo program as a child process on loopback, its output kept in a log file.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SiloProcess(string name, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        Name = name;
        GatewayPort = int.Parse(settings["Cluster__GatewayPort"]);
        SiloPort = int.Parse(settings["Cluster__SiloPort"]);
        var silo = Path.Combine(AppContext.BaseDirectory, "smartmixed-silo.dll");
        if (!File.Exists(silo)) throw new FileNotFoundException("the silo program is not built next to the tests", silo);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(silo);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        LogPath = logPath;
    }

    public string Name { get; }
    public int GatewayPort { get; }
    public int SiloPort { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var silo = new SiloProcess(name, settings, logPath);
        silo.WaitForGateway(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Starts the silo without waiting for it: for a silo expected to refuse to start.</summary>
    public static SiloProcess Launch(string name, IReadOnlyDictionary<string, string> settings, string logPath) => new(name, settings, logPath);

    /// <summary>The exit code once the process has ended within <paramref name="timeout"/>, else null.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        _process.WaitForExit(); // the output handlers have run
        return _process.ExitCode;
    }

    /// <summary>What the silo printed so far.</summary>
    public string Output()
    {
        lock (_log) _log.Flush();
        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(reader).ReadToEnd();
    }

    /// <summary>SIGKILL: no shutdown, no deactivation, exactly like a machine that dies.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private void WaitForGateway(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {Name} exited ({_process.ExitCode}); see {LogPath}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, GatewayPort);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(200);
            }
        }
        throw new TimeoutException($"silo {Name} did not open its gateway; see {LogPath}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
