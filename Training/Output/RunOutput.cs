using System.Text.Json;
using System.Text.Json.Nodes;
using SmartMixed.Training.Config;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Training.Output;

/// <summary>The files a local run leaves in its output directory: run.json, epochs.csv, selection.csv.</summary>
public static class RunOutput
{
    public static readonly string[] EpochColumns =
        ["epoch", "phase", "temperature", "train_loss", "validation_loss", "validation_accuracy", "flip_rate", "train_seconds", "wall_seconds"];

    public static readonly string[] SelectionColumns = ["epoch", "phase", "layer", "function", "count", "share"];

    public static void Write(string directory, RunResult result, IReadOnlyList<EpochReport> history) =>
        WriteFiles(directory, RunJson(result), history);

    /// <summary>For a run that stopped with an error: what it computed so far, and why it stopped.</summary>
    public static void WriteFailure(string directory, RunConfig config, string hash, IReadOnlyList<EpochReport> history, string reason)
    {
        var json = Header(config, hash, "failed");
        json["failure"] = reason;
        json["epochs_run"] = history.Count;
        WriteFiles(directory, json, history);
    }

    /// <summary>What every run.json starts with: the run's identity and how it ended.</summary>
    private static JsonObject Header(RunConfig config, string hash, string status) => new()
    {
        ["config_hash"] = hash,
        ["seed"] = config.Seed,
        ["config"] = JsonNode.Parse(RunConfigJson.Serialize(config)),
        ["status"] = status,
    };

    /// <summary>Each file is replaced atomically; run.json, which says how the run ended, is written last.</summary>
    private static void WriteFiles(string directory, JsonObject runJson, IReadOnlyList<EpochReport> history)
    {
        Directory.CreateDirectory(directory);
        WriteEpochs(Path.Combine(directory, "epochs.csv"), history);
        WriteSelection(Path.Combine(directory, "selection.csv"), history);
        AtomicFile.WriteText(Path.Combine(directory, "run.json"), runJson.ToJsonString(RunConfigJson.Indented));
    }

    /// <summary>One row per epoch; after the pooled flip rate, each hidden layer's own (flip_rate.L&lt;layer&gt;, empty outside phase 1).</summary>
    public static void WriteEpochs(string path, IReadOnlyList<EpochReport> history)
    {
        int layers = history.Count == 0 ? 0 : history.Max(e => e.Selection.Count);
        var header = EpochColumns.Concat(Enumerable.Range(1, layers).Select(l => $"flip_rate.L{l}")).ToList();
        WriteCsv(path, header, history.Select(e => (IReadOnlyList<object?>)
            [e.Epoch, e.Phase, e.Temperature, e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy, e.FlipRate, e.TrainSeconds, e.WallSeconds,
             .. Enumerable.Range(0, layers).Select(l => e.LayerFlipRates is { } r && l < r.Count ? (object?)r[l] : null)]));
    }

    public static void WriteSelection(string path, IReadOnlyList<EpochReport> history) =>
        WriteCsv(path, SelectionColumns,
            from e in history
            from layer in e.Selection
            from k in Enumerable.Range(0, layer.Functions.Count)
            select (IReadOnlyList<object?>)[e.Epoch, e.Phase, layer.Layer, layer.Functions[k], layer.Counts[k], layer.Share(k)]);

    private static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            CsvTable.Write(writer, header, rows);
        });

    /// <summary>The run's config, its hash and seed, and the final result with per-layer diversity.</summary>
    public static JsonObject RunJson(RunResult r)
    {
        var json = Header(r.Config, r.ConfigHash, "done");
        json["result"] = new JsonObject
        {
            ["epochs_run"] = r.EpochsRun,
            ["switch_epoch"] = r.SwitchEpoch,
            ["best_epoch"] = r.BestEpoch,
            ["validation_loss"] = r.ValidationLoss,
            ["validation_accuracy"] = r.ValidationAccuracy,
            ["test_loss"] = r.TestLoss,
            ["test_accuracy"] = r.TestAccuracy,
            ["final_train_loss"] = r.FinalTrainLoss,
            ["wall_seconds"] = r.WallSeconds,
            // The budget: optimiser steps while selecting, and of the final network (every step of a baseline).
            ["phase1_steps"] = r.Phase1Steps,
            ["phase2_steps"] = r.Phase2Steps,
        };
        json["selection"] = new JsonArray(r.Selection.Select(LayerJson).ToArray());
        return json;
    }

    private static JsonNode LayerJson(LayerSelection layer)
    {
        var d = layer.Diversity;
        var counts = new JsonObject();
        for (int k = 0; k < layer.Functions.Count; k++) counts[layer.Functions[k]] = layer.Counts[k];
        return new JsonObject
        {
            ["layer"] = layer.Layer,
            ["neurons"] = layer.Neurons,
            ["counts"] = counts,
            ["entropy_bits"] = d.EntropyBits,
            ["normalized_entropy"] = d.NormalizedEntropy,
            ["effective_functions"] = d.EffectiveFunctions,
            ["gini_simpson"] = d.GiniSimpson,
            ["dominance"] = d.Dominance,
            ["functions_used"] = d.FunctionsUsed,
        };
    }
}
