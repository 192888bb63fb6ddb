using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartMixed.Client.Cluster;
using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Sweep.Testing;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using Spectre.Console;
using StackExchange.Redis;
using static SmartMixed.Benchmarks.BenchmarkConsole;

namespace SmartMixed.Benchmarks;

/// <summary>
/// What a sweep costs per run as it grows, with the real silo, grains and storage: the silo (a process of its own)
/// runs the simulated trainer, which reports all epochs of a run at once with records of realistic size (4 hidden
/// layers × 6 functions, E epochs); this process submits the sweep as the client does and waits for its end; a third
/// process exports its tables. Prints per size the orchestration time per run (submission to end), the silo's peak
/// RSS, the bytes stored per run, and the export's seconds and peak RSS. With <c>--trainer real</c> the runs are tiny
/// real trainings instead (2 epochs of a [8] network on synthetic data, 2 slots): the measurement of the issue.
/// </summary>
public static class ScaleBenchmark
{
    private const double GrowthTarget = 1.2, MillisecondsTarget = 5, SiloRssTarget = 1024, ExportSecondsTarget = 60, ExportRssTarget = 500;

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--sizes", "--epochs", "--slots", "--redis-size", "--redis-silos", "--trainer"], ["--no-redis"]);
        var sizes = options.Get("--sizes", "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        int epochs = options.GetInt("--epochs", 50);
        var trainer = options.Get("--trainer", "simulated");
        if (trainer is not ("simulated" or "real")) throw new BenchmarkException($"--trainer must be simulated or real, got '{trainer}'");
        if (trainer == "real") epochs = 2;
        int slots = options.GetInt("--slots", trainer == "real" ? 2 : 16);
        int redisSize = options.GetInt("--redis-size", 10_000);
        int redisSilos = options.GetInt("--redis-silos", 3);

        AnsiConsole.MarkupLineInterpolated($"scale: {trainer} trainer, {epochs} epochs per run, {slots} slots per silo; {Environment.ProcessorCount} cores, load {LoadAverage()}");
        var results = new List<Result>();
        foreach (var size in sizes)
            results.Add(Measure("sqlite", 1, size, epochs, slots, trainer));
        if (!options.Has("--no-redis") && trainer == "simulated")
            results.Add(Measure("redis", redisSilos, redisSize, epochs, slots, trainer));
        Report(results, trainer);
        return 0;
    }

    private sealed record Result(string Store, int Silos, int Runs, double Seconds, double SiloPeakMb, double BytesPerRun,
        double ExportSeconds, double ExportPeakMb, long ExportedRuns, long ExportedCurveRows)
    {
        public double MsPerRun => Seconds * 1000 / Runs;
    }

    private static Result Measure(string store, int silos, int runs, int epochs, int slots, string trainer)
    {
        var directory = Directory.CreateTempSubdirectory("smartmixed-scale-");
        using var redis = store == "redis" ? RedisServer.Start() : null;
        var clusterId = "scale-" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<(Process Process, int Gateway)>();
        try
        {
            for (int i = 0; i < silos; i++)
                processes.Add(StartSilo(directory.FullName, i, store, redis?.ConnectionString, clusterId, slots, trainer));
            var configuration = ClientConfiguration(store, redis?.ConnectionString, clusterId, processes.Select(p => p.Gateway));
            // A short sweep first, untimed: the silo's and this client's start-up (JIT, first activations) is paid once, not per run.
            WarmUp(configuration, epochs, trainer);
            long redisBefore = redis is null ? 0 : RedisUsedMemory(redis.ConnectionString);
            var sweepId = $"scale-{runs}";
            var specs = Configs(runs, epochs, trainer).Select(Spec).ToList();
            double seconds;
            {
                var connection = ClusterConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(10), CancellationToken.None).GetAwaiter().GetResult();
                var clock = Stopwatch.StartNew();
                var status = SweepSubmitter.SubmitAsync(connection.Grains, sweepId,
                    new SweepSubmission("scale benchmark", "(built by the scale benchmark)", SweepSettings.Default), specs).GetAwaiter().GetResult();
                while (!status.IsFinished)
                {
                    Thread.Sleep(100);
                    status = connection.Grains.GetGrain<ISweepGrain>(sweepId).GetStatus().GetAwaiter().GetResult();
                }
                seconds = clock.Elapsed.TotalSeconds;
                if (status.Count(RunStatus.Done) != runs) throw new BenchmarkException($"{sweepId}: {status.Counts}");
                connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            specs = null;
            double siloPeak = processes.Max(p => PeakRssMb(p.Process.Id));
            double bytes = store == "sqlite" ? SqliteBytes(Path.Combine(directory.FullName, "silo-0", "sweeps.db"), sweepId) : RedisUsedMemory(redis!.ConnectionString) - redisBefore;

            var export = RunExport(configuration, sweepId, Path.Combine(directory.FullName, "export"));
            var result = new Result(store, silos, runs, seconds, siloPeak, bytes / runs, export.Seconds, export.PeakMb, export.Runs, export.CurveRows);
            AnsiConsole.MarkupLineInterpolated(
                $"[grey]  {store} × {silos}, {runs:N0} runs: {result.MsPerRun:0.00} ms/run, silo {siloPeak:0} MB, {bytes / runs:0} B/run, export {export.Seconds:0.0} s in {export.PeakMb:0} MB (load {LoadAverage()})[/]");
            return result;
        }
        finally
        {
            foreach (var (process, _) in processes)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
                process.Dispose();
            }
            directory.Delete(recursive: true);
        }
    }

    private static void WarmUp(IConfiguration configuration, int epochs, string trainer)
    {
        var connection = ClusterConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(10), CancellationToken.None).GetAwaiter().GetResult();
        var specs = Configs(200, epochs, trainer).Select(c => c with { Seed = c.Seed + 1000 }).Select(Spec);
        var status = SweepSubmitter.SubmitAsync(connection.Grains, "warm-up", new SweepSubmission(null, "", SweepSettings.Default), specs).GetAwaiter().GetResult();
        while (!status.IsFinished)
        {
            Thread.Sleep(100);
            status = connection.Grains.GetGrain<ISweepGrain>("warm-up").GetStatus().GetAwaiter().GetResult();
        }
        connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Cells of five seeds, one temperature per cell, the paper's default architecture and six-function pool.</summary>
    private static IEnumerable<RunConfig> Configs(int runs, int epochs, string trainer) =>
        Enumerable.Range(0, runs).Select(i => Presets.Default with
        {
            Data = new DataSpec("synthetic"),
            Hidden = trainer == "real" ? [8] : [512, 256, 128, 64],
            Epochs = epochs,
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: Math.Max(1, epochs / 2)),
            Temperature = new TemperatureSpec(Start: 0.1 + i / 5 * 1e-4, Floor: 0.1 + i / 5 * 1e-4),
            Optimizer = Presets.Default.Optimizer with { BatchSize = 256 },
            Seed = i % 5 + 1,
        });

    private static RunSpec Spec(RunConfig config) => RunSpecs.For(config,
        [new FactorValue("temperature", config.Temperature.Start.ToString("R", CultureInfo.InvariantCulture)), new FactorValue("seed", config.Seed.ToString(CultureInfo.InvariantCulture))]);

    private static IConfiguration ClientConfiguration(string store, string? redis, string clusterId, IEnumerable<int> gateways) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = clusterId,
            ["Cluster:ServiceId"] = clusterId,
            ["Cluster:Membership"] = store == "redis" ? "redis" : "localhost",
            ["Cluster:Redis"] = redis,
            ["Cluster:Gateways"] = string.Join(",", gateways.Select(g => $"127.0.0.1:{g}")),
        }).Build();

    private static (Process, int) StartSilo(string directory, int index, string store, string? redis, string clusterId, int slots, string trainer)
    {
        int siloPort = RedisServer.FreePort(), gatewayPort = RedisServer.FreePort();
        var process = StartSelf(["scale-silo", "--data", Path.Combine(directory, $"silo-{index}"), "--store", store, "--redis", redis ?? "",
            "--cluster", clusterId, "--silo-port", Str(siloPort), "--gateway-port", Str(gatewayPort), "--slots", Str(slots), "--trainer", trainer]);
        var line = process.StandardOutput.ReadLine();
        if (line != "READY") throw new BenchmarkException($"silo {index} did not start: {line} {process.StandardError.ReadToEnd()}");
        return (process, gatewayPort);
    }

    private static (double Seconds, double PeakMb, long Runs, long CurveRows) RunExport(IConfiguration configuration, string sweepId, string directory)
    {
        var settings = JsonSerializer.Serialize(configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value));
        using var process = StartSelf(["scale-export", "--settings", settings, "--sweep", sweepId, "--out", directory]);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new BenchmarkException($"the export failed: {output} {process.StandardError.ReadToEnd()}");
        var parts = output.Trim().Split(' ');
        return (Double(parts[0]), Double(parts[1]), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Child process: one silo with the simulated (or real) trainer, until its standard input closes.</summary>
    public static int Silo(string[] args)
    {
        var o = new Options(args, ["--data", "--store", "--redis", "--cluster", "--silo-port", "--gateway-port", "--slots", "--trainer"], []);
        var store = o.Get("--store", "sqlite");
        var cluster = new SweepClusterOptions
        {
            ClusterId = o.Get("--cluster", "scale"),
            ServiceId = o.Get("--cluster", "scale"),
            Membership = store == "redis" ? "redis" : "localhost",
            Redis = store == "redis" ? o.Get("--redis", "") : null,
            SiloPort = o.GetInt("--silo-port", 11111),
            GatewayPort = o.GetInt("--gateway-port", 30000),
        };
        var silo = new SweepSiloOptions
        {
            Storage = store,
            Checkpoints = store == "redis" ? "redis" : "directory",
            Redis = cluster.Redis,
            Slots = o.GetInt("--slots", 16),
            DataDirectory = o.Get("--data", "."),
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(s =>
        {
            s.UseSweepCluster(cluster).AddSmartMixedSweeps(silo);
            if (o.Get("--trainer", "simulated") == "simulated")
                s.Services.AddSingleton<IRunExecutor>(sp => new SimulatedRunExecutor(sp.GetRequiredService<TrainingSlots>()));
        });
        using var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        Console.WriteLine("READY");
        Console.Out.Flush();
        Console.In.ReadToEnd(); // the parent closes our input (or kills us) when it is done
        host.StopAsync().GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>Child process: exports one sweep as <c>sweep export</c> does, then prints seconds, peak RSS, runs and curve rows.</summary>
    public static int Export(string[] args)
    {
        var o = new Options(args, ["--settings", "--sweep", "--out"], []);
        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(o.Get("--settings", "{}"))!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = Stopwatch.StartNew();
        var connection = ClusterConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(10), CancellationToken.None).GetAwaiter().GetResult();
        var export = SweepExport.ExportAsync(connection.Grains, o.Get("--sweep", ""), o.Get("--out", "export")).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine(string.Join(" ", Str(seconds), Str(PeakRssMb(Environment.ProcessId)), Str(export.Runs), Str(export.CurveRows)));
        return 0;
    }

    private static void Report(List<Result> results, string trainer)
    {
        var table = new Table().AddColumns("store", "silos", "runs", "wall s", "ms / run", "silo peak RSS MB", "stored B / run", "export s", "export peak RSS MB", "rows (runs, curve)");
        foreach (var r in results)
            table.AddRow(r.Store, Str(r.Silos), r.Runs.ToString("N0", CultureInfo.InvariantCulture), $"{r.Seconds:0.0}", $"{r.MsPerRun:0.00}", $"{r.SiloPeakMb:0}",
                $"{r.BytesPerRun:0}", $"{r.ExportSeconds:0.0}", $"{r.ExportPeakMb:0}", $"{r.ExportedRuns:N0}, {r.ExportedCurveRows:N0}");
        AnsiConsole.Write(table);
        var sqlite = results.Where(r => r.Store == "sqlite").OrderBy(r => r.Runs).ToList();
        if (sqlite.Count >= 2)
        {
            var growth = sqlite[^1].MsPerRun / sqlite[0].MsPerRun;
            AnsiConsole.MarkupLine($"ms/run at {sqlite[^1].Runs:N0} ÷ at {sqlite[0].Runs:N0}: {growth:0.00} (target ≤ {GrowthTarget}) → {Verdict(growth <= GrowthTarget)}");
        }
        if (trainer != "simulated") return;
        var largest = sqlite.LastOrDefault();
        if (largest is null) return;
        AnsiConsole.MarkupLine($"ms/run at {largest.Runs:N0}: {largest.MsPerRun:0.00} (target ≤ {MillisecondsTarget}) → {Verdict(largest.MsPerRun <= MillisecondsTarget)}");
        AnsiConsole.MarkupLine($"silo peak RSS at {largest.Runs:N0}: {largest.SiloPeakMb:0} MB (target < {SiloRssTarget}) → {Verdict(largest.SiloPeakMb < SiloRssTarget)}");
        AnsiConsole.MarkupLine($"export of {largest.Runs:N0}: {largest.ExportSeconds:0.0} s in {largest.ExportPeakMb:0} MB (targets < {ExportSecondsTarget} s, < {ExportRssTarget} MB) → " +
                               Verdict(largest.ExportSeconds < ExportSecondsTarget && largest.ExportPeakMb < ExportRssTarget));
    }

    private static Process StartSelf(string[] args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(ScaleBenchmark).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new BenchmarkException("could not start a child process");
    }

    /// <summary>The peak resident set size of a process (VmHWM), in MB.</summary>
    private static double PeakRssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }

    /// <summary>Bytes of the sweep's stored states (its header, shards, cell summaries and run records).</summary>
    private static double SqliteBytes(string path, string sweepId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(LENGTH(data)) FROM grain_state WHERE grain_id = 'smartmixed-sweep/' || $id OR grain_id LIKE '%/' || $id || '/%'";
        command.Parameters.AddWithValue("$id", sweepId);
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long RedisUsedMemory(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        options.AllowAdmin = true; // INFO is an admin command
        using var redis = ConnectionMultiplexer.Connect(options);
        var info = redis.GetServer(redis.GetEndPoints()[0]).Info("memory").SelectMany(g => g).First(kv => kv.Key == "used_memory");
        return long.Parse(info.Value, CultureInfo.InvariantCulture);
    }

    private static string Str(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
