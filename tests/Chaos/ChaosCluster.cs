using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Chaos;

/// <summary>
/// Redis (password, append-only file fsynced on every write), the silo processes and the submitting client process of
/// one chaos run, all on loopback, with their files in one work directory.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly ChaosOptions _options;
    private readonly string _passwordFile;
    private readonly Silo[] _silos;
    private ManagedProcess? _client;
    private IHost? _checker;

    public ChaosCluster(ChaosOptions options, string work)
    {
        _options = options;
        Work = work;
        ClusterId = $"chaos-{options.Seed}-{Guid.NewGuid().ToString("N")[..6]}";
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _passwordFile = Path.Combine(work, "redis-password");
        File.WriteAllText(_passwordFile, password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Redis = RedisServer.Start(password, appendOnly: true);
        _silos = Enumerable.Range(0, options.Silos).Select(i => new Silo(i, RedisServer.FreePort(), RedisServer.FreePort())).ToArray();
        // Stopped from outside (SIGTERM, Ctrl+C): leave no process behind, and do stop (the Orleans client's host
        // would otherwise take the signal as a request to stop itself alone).
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop), PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop)];
    }

    private readonly PosixSignalRegistration[] _signals;

    private void Stop(PosixSignalContext context)
    {
        KillAll();
        Console.Error.WriteLine($"chaos: stopped by {context.Signal}; files in {Work}");
        Environment.Exit(130);
    }

    private void KillAll()
    {
        ManagedProcess.KillEverything();
        Redis.Kill();
    }

    public string Work { get; }
    public string ClusterId { get; }
    public RedisServer Redis { get; }
    public int SiloCount => _silos.Length;
    public string ResultsDirectory => Path.Combine(Work, "results");

    public bool SiloRunning(int i) => _silos[i].Process is { HasExited: false };
    public int? SiloPid(int i) => _silos[i].Process?.Id;
    public int SiloPort(int i) => _silos[i].SiloPort;

    public async Task StartAsync()
    {
        foreach (var silo in _silos) Launch(silo);
        foreach (var silo in _silos) await silo.Process!.WaitForPortAsync(silo.GatewayPort, TimeSpan.FromMinutes(3), $"silo {silo.Index}");
    }

    public void KillSilo(int i) => _silos[i].Process?.Kill();

    /// <summary>SIGTERM, then (after the silo has left) a new process on the same ports.</summary>
    public async Task<bool> StopSiloAsync(int i) => _silos[i].Process is not { } p || await p.StopAsync(TimeSpan.FromSeconds(60));

    public async Task StartSiloAsync(int i)
    {
        var silo = _silos[i];
        silo.Process?.Dispose();
        Launch(silo);
        await silo.Process!.WaitForPortAsync(silo.GatewayPort, TimeSpan.FromMinutes(3), $"silo {i}");
    }

    /// <summary>A silo that ended without being told to (null when all run as they should).</summary>
    public (int Index, int Code, string? LastLine)? ExitedSilo() =>
        _silos.Where(s => s.Process is { HasExited: true }).Select(s => ((int, int, string?)?)(s.Index, s.Process!.ExitCode, s.Process.LastLine)).FirstOrDefault();

    /// <summary>The submitting client: <c>smartmixed sweep run SPEC</c> against the cluster, a process of its own.</summary>
    public ManagedProcess LaunchClient(string specPath)
    {
        _client?.Dispose();
        var environment = new Dictionary<string, string>
        {
            ["XDG_STATE_HOME"] = Path.Combine(Work, "client-state"), // its log, not the user's
            ["NO_COLOR"] = "1",
        };
        string[] args =
        [
            "sweep", "run", specPath, "--out", ResultsDirectory, "--no-fetch",
            "--redis", Redis.ConnectionString, "--redis-password-file", _passwordFile,
            "--cluster-id", ClusterId, "--service-id", ClusterId, "--connect-timeout", "10",
        ];
        _client = ManagedProcess.Start("smartmixed.dll", borrowDependencies: true, args, environment, Path.Combine(Work, "client.log"));
        return _client;
    }

    public ManagedProcess? Client => _client;

    /// <summary>The checker's own connection (an Orleans client in this process), made once and kept through the faults.</summary>
    public async Task<IGrainFactory> CheckerAsync()
    {
        if (_checker is not null) return _checker.Services.GetRequiredService<IGrainFactory>();
        var options = new SweepClusterOptions
        {
            Membership = "redis", Redis = Redis.ConnectionString, RedisPasswordFile = _passwordFile, ClusterId = ClusterId, ServiceId = ClusterId,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(c => c.UseSweepCluster(options)
            .Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(10))
            .UseConnectionRetryFilter((_, _) => Task.FromResult(true)));
        var host = builder.Build();
        await host.StartAsync();
        _checker = host;
        return host.Services.GetRequiredService<IGrainFactory>();
    }

    private void Launch(Silo silo)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "redis",
            ["Cluster__Redis"] = Redis.ConnectionString,
            ["Cluster__RedisPasswordFile"] = _passwordFile,
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = ClusterId,
            ["Cluster__SiloPort"] = silo.SiloPort.ToString(),
            ["Cluster__GatewayPort"] = silo.GatewayPort.ToString(),
            ["Cluster__FastFailover"] = "true",
            ["SmartMixed__Storage"] = "redis",
            ["SmartMixed__Checkpoints"] = "redis",
            ["SmartMixed__Slots"] = "1",
            ["SmartMixed__DataDirectory"] = Path.Combine(Work, $"silo-{silo.Index}"),
            ["SmartMixed__PollInterval"] = "00:00:00.200",
            ["SmartMixed__WatchdogInterval"] = "00:00:01",
            ["SmartMixed__StopGracePeriod"] = "00:00:10",
        };
        silo.Process = ManagedProcess.Start("smartmixed-silo.dll", borrowDependencies: false, [], settings, Path.Combine(Work, $"silo-{silo.Index}.log"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals) signal.Dispose();
        _client?.Dispose();
        foreach (var silo in _silos) silo.Process?.Dispose();
        if (_checker is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _checker.StopAsync(timeout.Token);
            }
            catch (Exception)
            {
                // the cluster is gone already; nothing to leave gracefully
            }
            _checker.Dispose();
        }
        Redis.Dispose();
    }

    private sealed class Silo(int index, int siloPort, int gatewayPort)
    {
        public int Index { get; } = index;
        public int SiloPort { get; } = siloPort;
        public int GatewayPort { get; } = gatewayPort;
        public ManagedProcess? Process { get; set; }
    }
}
