using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;
using SmartMixed.Sweep.Testing;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Spectre.Console;
using static SmartMixed.Benchmarks.BenchmarkConsole;

namespace SmartMixed.Benchmarks;

/// <summary>
/// What Orleans costs: the same small real runs (default preset, differing only in seed) trained directly on
/// one and on two threads, and as a sweep through one in-process silo with one and with two slots. Prints the
/// wall times, the sweep ÷ direct ratio (target ≤ 1.05) and the 2-way speed-ups (target ≥ 1.8 on 2 cores).
/// </summary>
public static class SweepBenchmark
{
    private const double OverheadTarget = 1.05, SpeedupTarget = 1.8;
    private const int WarmUpSweeps = 3;

    /// <summary>
    /// The variants, in ABBA order: each is measured once on the way out and once on the way back, and its mean is
    /// used, so a load that drifts linearly over the benchmark (a shared machine) weighs on every variant alike.
    /// </summary>
    private static readonly string[] Order = ["a1", "a2", "b2", "b1", "b1", "b2", "a2", "a1"];

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--runs", "--epochs", "--hidden", "--dataset", "--storage"], []);
        int runs = options.GetInt("--runs", 8);
        int epochs = options.GetInt("--epochs", 4, min: 2);
        var hidden = ParseHidden(options.Get("--hidden", "256,128"));
        var dataSpec = new DataSpec(options.Get("--dataset", "mnist-npm10k"));
        // sqlite by default: it is what `smartmixed sweep run` hosts, so the overhead measured is the one users get
        // (its writes are a few small rows per run; --storage memory shows the scheduling cost alone).
        var storage = options.Get("--storage", "sqlite");
        if (storage is not ("sqlite" or "memory")) throw new BenchmarkException($"--storage must be sqlite or memory, got '{storage}'");

        TorchThreads.Ensure(1); // one intra-op thread per training: two trainings side by side use the two cores
        DatasetSplit split;
        try { split = DatasetCatalog.Load(dataSpec); }
        catch (DatasetUnavailableException e) { throw new BenchmarkException(e.Message); }
        using var data = new TrainingData(split);

        var configs = Enumerable.Range(1, runs).Select(seed => Config(dataSpec, hidden, epochs, seed)).ToArray();
        AnsiConsole.MarkupLineInterpolated($"{runs} runs on {dataSpec.Name} ({data.TrainCount:N0} train), default preset, MLP {data.FeatureCount}-{string.Join("-", hidden)}-{data.ClassCount}, {epochs} epochs (switch after {configs[0].Switch.Epoch}), seeds 1..{runs}");
        AnsiConsole.MarkupLineInterpolated($"silo storage: {storage}; {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        // Data loading is excluded everywhere: the direct variants share the split loaded above, and each silo loads
        // it into its own cache before anything is timed. Each slot count has one silo for the whole benchmark, as a
        // user's silo serves sweep after sweep: a fresh host per measurement would time its start-up (dependency
        // injection and grain code compiled anew, tiered recompilation for seconds on a background thread), which
        // a sweep pays once. Unmeasured passes come first (other seeds: nothing measured is cached): one of each
        // direct variant, and several sweeps per silo, because the JIT keeps recompiling the silo's hot paths over
        // the first few sweeps (measured: a core busy with it for 0.2–0.8 s per sweep until the third).
        var warmUp = configs.Select(c => c with { Seed = 1000 + c.Seed }).ToArray();
        var sweepNames = Order.Select((v, i) => $"{v}-{i}").Where(n => n[0] == 'b').ToList();
        string[] WarmUpNames(int slots) => [.. Enumerable.Range(1, WarmUpSweeps).Select(k => $"warm-up-{slots}-{k}")];
        using var silo1 = SweepSilo.StartAsync(1, dataSpec, storage, [.. sweepNames.Where(n => n[1] == '1'), .. WarmUpNames(1)]).GetAwaiter().GetResult();
        using var silo2 = SweepSilo.StartAsync(2, dataSpec, storage, [.. sweepNames.Where(n => n[1] == '2'), .. WarmUpNames(2)]).GetAwaiter().GetResult();
        RunDirect(warmUp, data, threads: 1);
        RunDirect(warmUp, data, threads: 2);
        foreach (var (one, two) in WarmUpNames(1).Zip(WarmUpNames(2)))
        {
            silo1.RunAsync(warmUp, one).GetAwaiter().GetResult();
            silo2.RunAsync(warmUp, two).GetAwaiter().GetResult();
        }
        AnsiConsole.MarkupLine("[grey]warm-up done[/]");

        var measured = new Dictionary<string, List<Measurement>>();
        foreach (var (variant, index) in Order.Select((v, i) => (v, i)))
        {
            int parallel = variant[1] - '0';
            var m = variant[0] == 'a'
                ? RunDirect(configs, data, parallel)
                : (parallel == 1 ? silo1 : silo2).RunAsync(configs, $"{variant}-{index}").GetAwaiter().GetResult();
            AnsiConsole.MarkupLineInterpolated($"[grey]  {variant}: {m.Seconds:0.00}s (load {LoadAverage()})[/]");
            if (!measured.TryGetValue(variant, out var list)) measured[variant] = list = [];
            list.Add(m);
        }

        Report(measured);
        CheckDeterminism(measured);
        return 0;
    }

    private static RunConfig Config(DataSpec data, int[] hidden, int epochs, int seed) => Presets.Default with
    {
        Data = data,
        Hidden = hidden,
        Epochs = epochs,
        Switch = Presets.Default.Switch with { Epoch = Math.Max(1, epochs / 2) },
        Seed = seed,
    };

    /// <summary>
    /// Wall time of one variant, the process's CPU time meanwhile (on a busy shared machine wall times mostly
    /// measure the neighbours; CPU time still shows what the sweep machinery adds), and each run's test accuracy by seed.
    /// </summary>
    private sealed record Measurement(double Seconds, double CpuSeconds, IReadOnlyDictionary<int, double> TestAccuracy);

    /// <summary>The runs on <paramref name="threads"/> dedicated threads that take configs from one queue until it is empty.</summary>
    private static Measurement RunDirect(IReadOnlyList<RunConfig> configs, TrainingData data, int threads)
    {
        var queue = new ConcurrentQueue<RunConfig>(configs);
        var accuracies = new ConcurrentDictionary<int, double>();
        var errors = new ConcurrentQueue<Exception>();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            try
            {
                while (queue.TryDequeue(out var config))
                {
                    using var session = TrainingSession.Start(config, data);
                    while (!session.IsFinished) session.RunEpoch();
                    accuracies[config.Seed] = session.Result().TestAccuracy;
                }
            }
            catch (Exception e) { errors.Enqueue(e); } // an exception on a plain thread would end the process
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        clock.Stop();
        if (!errors.IsEmpty) throw new AggregateException("a direct run failed", errors);
        return new Measurement(clock.Elapsed.TotalSeconds, CpuSeconds() - cpu, accuracies);
    }

    /// <summary>
    /// An in-process silo with a number of slots, kept for the whole benchmark; each measurement is one sweep through it,
    /// timed from submit until the sweep is finished.
    /// </summary>
    private sealed class SweepSilo(IHost host, DirectoryInfo directory) : IDisposable
    {
        public static async Task<SweepSilo> StartAsync(int slots, DataSpec dataSpec, string storage, string[] sweepNames)
        {
            var directory = Directory.CreateTempSubdirectory("smartmixed-sweep-bench-");
            var host = await StartSiloAsync(new SweepSiloOptions
            {
                Storage = storage,
                Slots = slots,
                DataDirectory = directory.FullName, // sqlite database and checkpoints
                // The default poll interval: a submission wakes the silo's idle worker at once (WorkSignal).
                OnlySweeps = [.. sweepNames.Select(SweepId)],
            });
            // The silo loads data lazily and keeps it while its cache has room: load it before anything is timed.
            host.Services.GetRequiredService<DatasetCache>().Acquire(dataSpec).Dispose();
            return new SweepSilo(host, directory);
        }

        private static string SweepId(string name) => $"bench-{name}";

        public async Task<Measurement> RunAsync(IReadOnlyList<RunConfig> configs, string name)
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var sweepId = SweepId(name);
            var sweep = grains.GetGrain<ISweepGrain>(sweepId);

            var cpu = CpuSeconds();
            var clock = Stopwatch.StartNew();
            // The sweep's default checkpoint cadence (at most one per 30 s of training, and at the phase switch).
            var status = await SweepSubmitter.SubmitAsync(grains, sweepId,
                new SweepSubmission("sweep benchmark", "(built by the sweep benchmark)", SweepSettings.Default), configs.Select(Spec));
            while (!status.IsFinished)
            {
                await Task.Delay(10); // ≤ 0.01 s of the measured time is the poll's
                status = await sweep.GetStatus();
            }
            clock.Stop();
            cpu = CpuSeconds() - cpu;

            var accuracies = new Dictionary<int, double>();
            var problems = new List<string>();
            await foreach (var row in SweepReader.RowsAsync(grains, status))
            {
                if (row.Record?.Outcome is { Status: RunStatus.Done, TestAccuracy: { } accuracy }) accuracies[row.Spec.Seed] = accuracy;
                else problems.Add($"{row.View.Status} {row.View.FailureReason}");
            }
            if (problems.Count > 0) throw new BenchmarkException($"sweep {sweepId} ended with runs not done: {string.Join("; ", problems)}");
            return new Measurement(clock.Elapsed.TotalSeconds, cpu, accuracies);
        }

        public void Dispose()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            host.StopAsync(timeout.Token).GetAwaiter().GetResult();
            host.Dispose();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A silo as ClusterConnection.HostInProcessAsync hosts one: localhost membership on free ports; no log output.</summary>
    internal static async Task<IHost> StartSiloAsync(SweepSiloOptions options)
    {
        var cluster = new SweepClusterOptions { Membership = "localhost", SiloPort = RedisServer.FreePort(), GatewayPort = RedisServer.FreePort() };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseSweepCluster(cluster).AddSmartMixedSweeps(options));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A run spec as the sweep expander makes one: the cell is every factor but the seed.</summary>
    private static RunSpec Spec(RunConfig config) =>
        RunSpecs.For(config, [new FactorValue("seed", config.Seed.ToString(CultureInfo.InvariantCulture))]);

    private static void Report(Dictionary<string, List<Measurement>> measured)
    {
        double Mean(string v) => measured[v].Average(m => m.Seconds);
        var labels = new Dictionary<string, string>
        {
            ["a1"] = "direct, 1 thread",
            ["a2"] = "direct, 2 threads",
            ["b1"] = "sweep, 1 slot",
            ["b2"] = "sweep, 2 slots",
        };
        int runs = measured["a1"][0].TestAccuracy.Count;
        string Each(string v, Func<Measurement, double> value) =>
            string.Join(", ", measured[v].Select(m => value(m).ToString("0.00", CultureInfo.InvariantCulture)));
        var table = new Table().AddColumns("", "variant", "wall s", "mean s", "runs/min", "cpu s");
        foreach (var (v, label) in labels)
            table.AddRow(v, label, Each(v, m => m.Seconds), $"{Mean(v):0.00}", $"{runs * 60 / Mean(v):0.0}", Each(v, m => m.CpuSeconds));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]wall s and cpu s: the measurement on the way out, then back; mean s: their mean[/]");

        double overhead = Mean("b2") / Mean("a2"), direct = Mean("a1") / Mean("a2"), sweep = Mean("b1") / Mean("b2");
        AnsiConsole.MarkupLine($"b2 ÷ a2 wall time: {overhead:0.000} (target ≤ {OverheadTarget}) → {Verdict(overhead <= OverheadTarget)}");
        AnsiConsole.MarkupLine($"a2 ÷ a1 throughput: {direct:0.00} (target ≥ {SpeedupTarget}) → {Verdict(direct >= SpeedupTarget)}");
        AnsiConsole.MarkupLine($"b2 ÷ b1 throughput: {sweep:0.00} (target ≥ {SpeedupTarget}) → {Verdict(sweep >= SpeedupTarget)}");
        double Cpu(string v) => measured[v].Average(m => m.CpuSeconds);
        AnsiConsole.MarkupLine($"[grey](also b1 ÷ a1 wall time: {Mean("b1") / Mean("a1"):0.000}; CPU time b1 ÷ a1: {Cpu("b1") / Cpu("a1"):0.000}, b2 ÷ a2: {Cpu("b2") / Cpu("a2"):0.000})[/]");
    }

    /// <summary>Every run depends only on its config, so each seed must give the same test accuracy in every variant.</summary>
    private static void CheckDeterminism(Dictionary<string, List<Measurement>> measured)
    {
        var reference = measured["a1"][0].TestAccuracy;
        var mismatches = (from pair in measured
                          from m in pair.Value
                          from seed in reference.Keys
                          where !m.TestAccuracy.TryGetValue(seed, out var a) || a != reference[seed]
                          select $"{pair.Key} seed {seed}: {(m.TestAccuracy.TryGetValue(seed, out var x) ? x.ToString("R", CultureInfo.InvariantCulture) : "missing")} vs {reference[seed]:R}")
                         .Distinct().ToList();
        if (mismatches.Count == 0)
            AnsiConsole.MarkupLineInterpolated($"determinism: all {measured.Values.Sum(l => l.Count)} measurements agree on every seed's test accuracy ({string.Join(", ", reference.OrderBy(r => r.Key).Select(r => $"{r.Value:P2}"))})");
        else
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning: test accuracies differ between variants:[/] {string.Join("; ", mismatches)}");
    }

    private static int[] ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
        if (sizes.Length == 0 || sizes.Contains(-1)) throw new BenchmarkException($"--hidden must be layer sizes like 256,128, got '{text}'");
        return sizes;
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
