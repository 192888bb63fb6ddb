using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Spectre.Console;
using static SmartMixed.Benchmarks.BenchmarkConsole;

namespace SmartMixed.Benchmarks;

/// <summary>
/// Epoch time on full Fashion-MNIST (54k train), MLP 784-256-128-10, batch 128, one thread: a plain ReLU net,
/// phase 1 and phase 2 of SmartMixed in TorchSharp, and the same three models in PyTorch (our script, driven one
/// epoch at a time). Every epoch of every model of both frameworks is interleaved in one loop, so drift on a
/// shared machine hits all of them alike. Prints median and minimum seconds per epoch and the ratios.
/// </summary>
public static class EpochBenchmark
{
    private static readonly int[] Hidden = [256, 128];
    private static readonly string[] Models = ["plain", "phase1", "phase2"];

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--epochs", "--noise", "--python"], ["--no-pytorch"]);
        int epochs = options.GetInt("--epochs", 5, min: 5);
        var noises = options.Get("--noise", "both") switch
        {
            "both" => new[] { NoiseMode.PerBatch, NoiseMode.PerSample },
            "per_batch" => [NoiseMode.PerBatch],
            "per_sample" => [NoiseMode.PerSample],
            var other => throw new BenchmarkException($"--noise must be per_batch, per_sample or both, got '{other}'"),
        };
        var python = options.Get("--python", "/usr/bin/python3");

        TorchThreads.Ensure(1);
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200; // a log file: keep table rows on one line
        var spec = new DataSpec("fashion-mnist", ValidationFraction: 0.1, SplitSeed: 42);
        DatasetSplit split;
        try { split = DatasetCatalog.Load(spec); }
        catch (DatasetUnavailableException e) { throw new BenchmarkException(e.Message + " (on Debian: apt-get install dataset-fashion-mnist)"); }
        AnsiConsole.MarkupLineInterpolated($"Fashion-MNIST: {split.Train.Count:N0} train; MLP 784-{string.Join("-", Hidden)}-10, batch 128, 1 thread, {epochs} timed epochs after 1 warm-up, TorchSharp and PyTorch interleaved epoch by epoch");
        using var data = new TrainingData(split);

        foreach (var noise in noises)
        {
            AnsiConsole.MarkupLineInterpolated($"\n[bold]phase-1 noise: {Name(noise)}[/]");
            Report(noise, Measure(data, noise, epochs, options.Has("--no-pytorch") ? null : python));
        }
        return 0;
    }

    private static RunConfig Config(NoiseMode noise, int epochs, int switchEpoch, string? fixedActivation) => new()
    {
        Preset = "benchmark",
        Data = new DataSpec("fashion-mnist", 0.1, 42),
        Hidden = Hidden,
        Fixed = fixedActivation,
        Epochs = epochs,
        Switch = new PhaseSwitchSpec(SwitchRule.Epoch, switchEpoch),
        Selection = new SelectionSpec(noise),
        Optimizer = new OptimizerSpec(LearningRate: 1e-3, ClipNorm: 1.0, BatchSize: 128),
        Seed = 1,
    };

    /// <summary>Timed train seconds per framework and model (the warm-up epoch left out).</summary>
    private static Dictionary<(string Framework, string Model), List<double>> Measure(TrainingData data, NoiseMode noise, int epochs, string? python)
    {
        int total = epochs + 1;
        using var plain = TrainingSession.Start(Config(noise, total, 1, "relu"), data);
        using var phase1 = TrainingSession.Start(Config(noise, total + 1, total, null), data);
        using var phase2 = TrainingSession.Start(Config(noise, total + 1, 1, null), data);
        phase2.RunEpoch(); // the selection epoch before the switch; its phase-2 epochs are measured below
        // PyTorch's phase 2 gets the same group sizes as ours.
        var groups = phase2.History[^1].Selection.Select(l => l.Counts.ToArray()).ToArray();
        using var pytorch = python is null ? null : new PyTorchEpochDriver(python, Name(noise), groups);

        var sessions = new Dictionary<string, TrainingSession> { ["plain"] = plain, ["phase1"] = phase1, ["phase2"] = phase2 };
        var times = new Dictionary<(string, string), List<double>>();
        foreach (var model in Models)
        {
            times[("TorchSharp", model)] = [];
            if (pytorch is not null) times[("PyTorch", model)] = [];
        }
        for (int e = 0; e < total; e++)
            foreach (var model in Models)
            {
                var report = sessions[model].RunEpoch();
                if (model != "plain" && report.Phase != (model == "phase1" ? 1 : 2)) throw new InvalidOperationException($"{model} ran phase {report.Phase}");
                double? theirs = pytorch?.Epoch(model);
                var warmUp = e == 0 ? " (warm-up)" : "";
                AnsiConsole.MarkupLineInterpolated($"[grey]  epoch {e + 1} {model,-6}: TorchSharp {report.TrainSeconds:0.000}s{(theirs is { } t ? $", PyTorch {t:0.000}s" : "")}{warmUp}[/]");
                if (e == 0) continue;
                times[("TorchSharp", model)].Add(report.TrainSeconds);
                if (theirs is { } s) times[("PyTorch", model)].Add(s);
            }
        return times;
    }

    private static void Report(NoiseMode noise, Dictionary<(string Framework, string Model), List<double>> times)
    {
        bool withPyTorch = times.ContainsKey(("PyTorch", "plain"));
        double Median(string f, string m) => Statistic(times[(f, m)], median: true);
        double Min(string f, string m) => Statistic(times[(f, m)], median: false);

        var table = new Table().AddColumns("model", "TorchSharp s/epoch median (min)", "÷ plain median (min)",
            "PyTorch s/epoch median (min)", "÷ plain median (min)", "TorchSharp ÷ PyTorch median (min)");
        foreach (var model in Models)
        {
            string ours = $"{Median("TorchSharp", model):0.000} ({Min("TorchSharp", model):0.000})";
            string oursRatio = $"{Median("TorchSharp", model) / Median("TorchSharp", "plain"):0.00} ({Min("TorchSharp", model) / Min("TorchSharp", "plain"):0.00})";
            string theirs = "", theirsRatio = "", versus = "";
            if (withPyTorch)
            {
                theirs = $"{Median("PyTorch", model):0.000} ({Min("PyTorch", model):0.000})";
                theirsRatio = $"{Median("PyTorch", model) / Median("PyTorch", "plain"):0.00} ({Min("PyTorch", model) / Min("PyTorch", "plain"):0.00})";
                versus = $"{Median("TorchSharp", model) / Median("PyTorch", model):0.00} ({Min("TorchSharp", model) / Min("PyTorch", model):0.00})";
            }
            table.AddRow(model, ours, oursRatio, theirs, theirsRatio, versus);
        }
        AnsiConsole.Write(table);

        double phase1Target = noise == NoiseMode.PerSample ? 2.0 : 1.3;
        double phase1 = Median("TorchSharp", "phase1") / Median("TorchSharp", "plain");
        double phase2 = Median("TorchSharp", "phase2") / Median("TorchSharp", "plain");
        var line = $"targets (medians): phase1 ÷ plain ≤ {phase1Target:0.0} → {Verdict(phase1 <= phase1Target)}; phase2 ÷ plain ≤ 1.05 → {Verdict(phase2 <= 1.05)}";
        if (withPyTorch) line += $"; plain TorchSharp ÷ PyTorch ≤ 1.0 → {Verdict(Median("TorchSharp", "plain") / Median("PyTorch", "plain") <= 1.0)}";
        AnsiConsole.MarkupLine(line);
    }

    private static string Name(NoiseMode noise) => noise == NoiseMode.PerBatch ? "per_batch" : "per_sample";

    private static double Statistic(IReadOnlyList<double> values, bool median)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        if (!median) return sorted[0];
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
