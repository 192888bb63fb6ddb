using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Spectre.Console;

namespace SmartMixed.Benchmarks;

/// <summary>
/// Epoch time on full Fashion-MNIST (54k train), MLP 784-256-128-10, batch 128, one thread: a plain ReLU net,
/// phase 1 and phase 2 of SmartMixed, in TorchSharp (this process, interleaved epoch by epoch so drift on a
/// shared machine hits all three alike) and in PyTorch (our script, same run). Prints medians and ratios.
/// </summary>
public static class EpochBenchmark
{
    private static readonly int[] Hidden = [256, 128];

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--epochs", "--noise", "--python"], ["--no-pytorch"]);
        int epochs = options.GetInt("--epochs", 3);
        var noises = options.Get("--noise", "both") switch
        {
            "both" => new[] { NoiseMode.PerBatch, NoiseMode.PerSample },
            "per_batch" => [NoiseMode.PerBatch],
            "per_sample" => [NoiseMode.PerSample],
            var other => throw new BenchmarkException($"--noise must be per_batch, per_sample or both, got '{other}'"),
        };
        var python = options.Get("--python", "/usr/bin/python3");

        TorchThreads.Ensure(1);
        var spec = new DataSpec("fashion-mnist", ValidationFraction: 0.1, SplitSeed: 42);
        DatasetSplit split;
        try { split = DatasetCatalog.Load(spec); }
        catch (DatasetUnavailableException e) { throw new BenchmarkException(e.Message + " (on Debian: apt-get install dataset-fashion-mnist)"); }
        AnsiConsole.MarkupLineInterpolated($"Fashion-MNIST: {split.Train.Count:N0} train; MLP 784-{string.Join("-", Hidden)}-10, batch 128, 1 thread, {epochs} timed epochs after 1 warm-up");
        using var data = new TrainingData(split);

        foreach (var noise in noises)
        {
            AnsiConsole.MarkupLineInterpolated($"\n[bold]phase-1 noise: {Name(noise)}[/]");
            var (ours, groups) = MeasureTorchSharp(data, noise, epochs);
            Dictionary<string, double>? theirs = null;
            if (!options.Has("--no-pytorch")) theirs = MeasurePyTorch(python, noise, epochs, groups);
            Report(ours, theirs);
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

    /// <summary>Median train seconds per model, and phase 2's group sizes (for the PyTorch side).</summary>
    private static (Dictionary<string, double> Seconds, int[][] Groups) MeasureTorchSharp(TrainingData data, NoiseMode noise, int epochs)
    {
        int total = epochs + 1;
        using var plain = TrainingSession.Start(Config(noise, total, 1, "relu"), data);
        using var phase1 = TrainingSession.Start(Config(noise, total + 1, total, null), data);
        using var phase2 = TrainingSession.Start(Config(noise, total + 1, 1, null), data);
        phase2.RunEpoch(); // the selection epoch before the switch; its phase-2 epochs are measured below

        var times = new Dictionary<string, List<double>> { ["plain"] = [], ["phase1"] = [], ["phase2"] = [] };
        for (int e = 0; e < total; e++)
            foreach (var (name, session) in new[] { ("plain", plain), ("phase1", phase1), ("phase2", phase2) })
            {
                var report = session.RunEpoch();
                if (name != "plain" && report.Phase != (name == "phase1" ? 1 : 2)) throw new InvalidOperationException($"{name} ran phase {report.Phase}");
                AnsiConsole.MarkupLineInterpolated($"[grey]  TorchSharp {name,-6} epoch {e + 1}: {report.TrainSeconds:0.000}s{(e == 0 ? " (warm-up)" : "")}[/]");
                if (e > 0) times[name].Add(report.TrainSeconds);
            }
        var groups = phase2.History[^1].Selection.Select(l => l.Counts.ToArray()).ToArray();
        return (times.ToDictionary(t => t.Key, t => Median(t.Value)), groups);
    }

    private static Dictionary<string, double> MeasurePyTorch(string python, NoiseMode noise, int epochs, int[][] groups)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_epoch.py");
        if (!File.Exists(python)) throw new BenchmarkException($"{python} not found (on Debian: apt-get install python3-torch libopenblas0-pthread), or pass --no-pytorch");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--data", DataDirectories.DebianFashionMnistPath, "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
                     "--models", "plain,phase1,phase2", "--noise", Name(noise), "--groups", JsonSerializer.Serialize(groups), "--threads", "1" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new BenchmarkException($"could not start {python}");
        var results = new Dictionary<string, double>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (!line.StartsWith('{')) continue;
            using var json = JsonDocument.Parse(line);
            var model = json.RootElement.GetProperty("model").GetString()!;
            var seconds = json.RootElement.GetProperty("epoch_seconds").EnumerateArray().Select(x => x.GetDouble()).ToList();
            foreach (var s in seconds) AnsiConsole.MarkupLineInterpolated($"[grey]  PyTorch    {model,-6}: {s:0.000}s[/]");
            results[model] = Median(seconds);
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new BenchmarkException($"the PyTorch script failed with exit code {process.ExitCode}");
        return results;
    }

    private static void Report(Dictionary<string, double> ours, Dictionary<string, double>? theirs)
    {
        var table = new Table().AddColumns("model", "TorchSharp s/epoch", "÷ plain", "PyTorch s/epoch", "÷ plain", "TorchSharp ÷ PyTorch");
        foreach (var model in new[] { "plain", "phase1", "phase2" })
        {
            double t = ours[model];
            string p = "", pr = "", r = "";
            if (theirs is not null && theirs.TryGetValue(model, out var pt))
            {
                p = $"{pt:0.000}";
                pr = $"{pt / theirs["plain"]:0.00}";
                r = $"{t / pt:0.00}";
            }
            table.AddRow(model, $"{t:0.000}", $"{t / ours["plain"]:0.00}", p, pr, r);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"targets: phase1 ÷ plain ≤ 1.5 → {Verdict(ours["phase1"] / ours["plain"] <= 1.5)}; phase2 ÷ plain ≤ 1.1 → {Verdict(ours["phase2"] / ours["plain"] <= 1.1)}"
            + (theirs is null ? "" : $"; plain TorchSharp ÷ PyTorch ≤ 1.0 → {Verdict(ours["plain"] / theirs["plain"] <= 1.0)}"));
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Name(NoiseMode noise) => noise == NoiseMode.PerBatch ? "per_batch" : "per_sample";

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
