using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartMixed.Sweep.Testing;

/// <summary>
/// A throw-away redis-server on a free loopback port, no persistence, for the tests that need storage which
/// outlives a silo. <c>./test.sh</c> installs redis-server; without it these tests fail with a clear message.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-redis-");

    private RedisServer(int port)
    {
        Port = port;
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server, or run ./test.sh)");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory.FullName })
            start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static RedisServer Start() => new(FreePort());

    private void WaitUntilListening()
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
                if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
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
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
