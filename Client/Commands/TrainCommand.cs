using System.Diagnostics;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Metrics;
using SmartMixed.Training.Output;
using SmartMixed.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

/// <summary>
/// <c>smartmixed train</c>: one run in this process, with per-epoch progress and checkpoints. Every problem of the
/// flags and config is reported before anything is read or written; then the output directory is checked (it must be
/// writable, and work in it is never replaced unless asked: <see cref="TrainOutputFolder"/>), then the data loaded.
/// </summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public const string CheckpointName = TrainOutputFolder.CheckpointName;

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var earlier = new List<ConfigProblem>();
        int checkpointEvery = new FlagValues(earlier).Int("--checkpoint-every", settings.CheckpointEvery) ?? 1;
        if (checkpointEvery < 0) earlier.Add(new ConfigProblem("--checkpoint-every", $"must be 0 (never) or positive, got {checkpointEvery}"));
        if (settings.Resume && settings.Overwrite)
            earlier.Add(new ConfigProblem("--overwrite", "give either --resume (continue the checkpoint) or --overwrite (start over), not both"));
        var config = RunConfigOverrides.Build(settings, earlier); // every problem is reported before anything is written
        var hash = RunConfigHash.Of(config);
        var outDir = settings.Out ?? Path.Combine("runs", hash);
        var checkpoint = Path.Combine(outDir, CheckpointName);
        var start = TrainOutputFolder.Decide(outDir, hash, settings.Resume, settings.Overwrite);
        WritableDirectory.Check(outDir, "--out", "choose another --out");

        AnsiConsole.MarkupLineInterpolated($"run [bold]{hash}[/] ({config.Preset} preset, seed {config.Seed}) → {outDir}");
        var split = DatasetCatalog.Load(config.Data);
        AnsiConsole.MarkupLineInterpolated($"data {split.Name}: {split.Train.Count:N0} train, {split.Validation.Count:N0} validation, {split.Test.Count:N0} test");
        using var data = new TrainingData(split);

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (start == TrainStart.Overwrite && Directory.Exists(outDir) && TrainOutputFolder.Clear(outDir) > 0)
                AnsiConsole.MarkupLineInterpolated($"[yellow]--overwrite:[/] replaced the earlier run's files in {outDir}");
            else if (settings.Resume && start == TrainStart.Fresh)
                AnsiConsole.MarkupLineInterpolated($"no checkpoint in {outDir}: starting from epoch 1");
            using var session = start == TrainStart.Resume ? Resume(checkpoint, config, data) : TrainingSession.Start(config, data);
            if (session.EpochsCompleted > 0)
                AnsiConsole.MarkupLineInterpolated($"resumed after epoch {session.EpochsCompleted} from {checkpoint}");
            return Train(session, checkpointEvery, outDir, checkpoint, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static TrainingSession Resume(string checkpoint, RunConfig config, TrainingData data)
    {
        try
        {
            return CheckpointFile.Resume(checkpoint, config, data);
        }
        catch (CorruptCheckpointException e)
        {
            throw TrainOutputFolder.Unusable(e, checkpoint);
        }
    }

    private static int Train(TrainingSession session, int checkpointEvery, string outDir, string checkpoint, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            while (!session.IsFinished)
            {
                var report = session.RunEpoch(cancel);
                PrintEpoch(report, session.Config.Epochs);
                if (checkpointEvery > 0 && (report.Epoch % checkpointEvery == 0 || session.IsFinished))
                    CheckpointFile.Save(session, checkpoint);
            }
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted[/] after epoch {session.EpochsCompleted}; continue with the same flags and --resume");
            return ExitCodes.Interrupted;
        }
        catch (TrainingDivergedException e)
        {
            RunOutput.WriteFailure(outDir, session.Config, session.Hash, session.History, e.Message);
            AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {e.Message}; the {session.History.Count} finished epoch(s) are in {outDir}");
            return ExitCodes.Failed;
        }

        var result = session.Result();
        RunOutput.Write(outDir, result, session.History);
        if (File.Exists(checkpoint)) File.Delete(checkpoint);
        PrintResult(result, clock.Elapsed);
        return ExitCodes.Ok;
    }

    private static void PrintEpoch(EpochReport e, int epochs)
    {
        var tau = e.Temperature is { } t ? $" τ={t:0.###}" : "";
        var flips = e.FlipRate is { } f ? $" flips {f:P1}" : "";
        var shares = string.Join("  ", e.Selection.Select(l => $"L{l.Layer}:{Dominant(l)}"));
        AnsiConsole.MarkupLineInterpolated(
            $"epoch {e.Epoch,3}/{epochs} [grey]phase {e.Phase}{tau}[/] train {e.TrainLoss:0.0000} val {e.ValidationLoss:0.0000} acc [bold]{e.ValidationAccuracy:P2}[/]{flips} [grey]{e.WallSeconds:0.0}s  {shares}[/]");
    }

    private static string Dominant(LayerSelection layer)
    {
        int k = Enumerable.Range(0, layer.Counts.Count).MaxBy(i => layer.Counts[i]);
        return $"{layer.Functions[k]} {layer.Share(k):P0}";
    }

    private static void PrintResult(RunResult r, TimeSpan elapsed)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[green]done[/] in {elapsed.TotalSeconds:0}s: best epoch {r.BestEpoch}{(r.SwitchEpoch is { } s ? $", switch after epoch {s}" : "")}, validation {r.ValidationAccuracy:P2}, [bold]test {r.TestAccuracy:P2}[/]");
        var table = new Table().AddColumns("layer", "neurons", "entropy (bits)", "effective", "dominance", "used", "shares");
        foreach (var layer in r.Selection)
        {
            var d = layer.Diversity;
            var shares = string.Join(", ", Enumerable.Range(0, layer.Functions.Count).Where(k => layer.Counts[k] > 0)
                .Select(k => $"{layer.Functions[k]} {layer.Share(k):P0}"));
            table.AddRow(layer.Layer.ToString(), layer.Neurons.ToString(), $"{d.EntropyBits:0.00}", $"{d.EffectiveFunctions:0.00}",
                $"{d.Dominance:P0}", d.FunctionsUsed.ToString(), Markup.Escape(shares));
        }
        AnsiConsole.Write(table);
    }
}
