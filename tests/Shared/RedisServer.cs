using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartMixed.Sweep.Testing;

/// <summary>
/// A throw-away redis-server on a free loopback port, for the tests that need storage which outlives a silo: without
/// persistence by default; with a password (<c>requirepass</c>) and the append-only file when asked (the security
/// tests, the chaos test, which also kills and restarts it). <c>./test.sh</c> installs redis-server; without it these
/// tests fail with a clear message.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-redis-");
    private readonly string? _password;
    private readonly bool _appendOnly;
    private Process _process;

    private RedisServer(int port, string? password, bool appendOnly)
    {
        Port = port;
        _password = password;
        _appendOnly = appendOnly;
        _process = Launch();
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public int ProcessId => _process.Id;

    public static RedisServer Start() => new(FreePort(), null, false);

    /// <summary>A Redis that requires <paramref name="password"/>; with <paramref name="appendOnly"/>, every write is fsynced to its append-only file before Redis answers, so a kill loses nothing it acknowledged.</summary>
    public static RedisServer Start(string? password, bool appendOnly) => new(FreePort(), password, appendOnly);

    /// <summary>SIGKILL: Redis gets no chance to save anything beyond what it already wrote.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    /// <summary>Starts Redis again on the same port and directory (it loads its append-only file, if it kept one).</summary>
    public void StartAgain()
    {
        Kill();
        _process.Dispose();
        _process = Launch();
    }

    private Process Launch()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server, or run ./test.sh)");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // The configuration comes on standard input ("-"), so a password never shows in a process list.
        start.ArgumentList.Add("-");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var config = process.StandardInput;
        config.WriteLine($"port {Port}");
        config.WriteLine("bind 127.0.0.1");
        config.WriteLine($"dir \"{_directory.FullName}\"");
        config.WriteLine("save \"\"");
        config.WriteLine(_appendOnly ? "appendonly yes" : "appendonly no");
        if (_appendOnly) config.WriteLine("appendfsync always");
        if (_password is not null) config.WriteLine($"requirepass \"{_password}\"");
        config.Close();
        WaitUntilListening(process);
        return process;
    }

    private void WaitUntilListening(Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited) throw new InvalidOperationException($"redis-server exited with code {process.ExitCode}");
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"redis-server did not listen on port {Port}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try { _directory.Delete(recursive: true); } catch (IOException) { }
    }
}
