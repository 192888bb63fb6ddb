using System.Text.Json.Nodes;
using SmartMixed.Client.CommandLine;
using SmartMixed.Training.Config;
using SmartMixed.Training.Output;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Client.Commands;

/// <summary>How <c>train</c> uses its output directory: start there, resume the checkpoint there, or replace what is there.</summary>
public enum TrainStart
{
    Fresh,
    Resume,
    Overwrite,
}

/// <summary>
/// What a <c>train</c> output directory holds, and whether the run may use it as asked. Work is never replaced
/// silently: a checkpoint needs <c>--resume</c> (or <c>--overwrite</c>), finished results need <c>--overwrite</c> or
/// another <c>--out</c>. Checked, with writability, before any data is loaded.
/// </summary>
public static class TrainOutputFolder
{
    public const string CheckpointName = "checkpoint.bin";

    /// <summary>The files a run writes into its directory (besides the checkpoint); only these are replaced by <c>--overwrite</c>.</summary>
    public static readonly IReadOnlyList<string> ResultFiles = ["run.json", "epochs.csv", "selection.csv"];

    public static TrainStart Decide(string directory, string hash, bool resume, bool overwrite)
    {
        if (File.Exists(directory)) throw new ConfigException("--out", $"{directory} is a file, not a directory");
        var checkpoint = Path.Combine(directory, CheckpointName);
        var results = ResultFiles.Where(f => File.Exists(Path.Combine(directory, f))).ToArray();

        if (overwrite) return TrainStart.Overwrite;
        if (File.Exists(checkpoint))
        {
            if (resume) return ResumableOrThrow(directory, checkpoint, hash);
            throw new CommandLineException($"--out {directory} holds {DescribeCheckpoint(checkpoint, hash)}; continue it with --resume, or start over with --overwrite (which replaces it)");
        }
        if (results.Length > 0)
            throw new CommandLineException(resume
                ? $"--out {directory} holds a {Status(directory)} run and no checkpoint: there is nothing to resume; train it again with --overwrite, or choose another --out"
                : $"--out {directory} already holds the results of a {Status(directory)} run ({string.Join(", ", results)}); choose another --out, or replace them with --overwrite");
        return TrainStart.Fresh;
    }

    /// <summary>Removes what an earlier run left (its results and checkpoint, nothing else), for <c>--overwrite</c>; returns how many files.</summary>
    public static int Clear(string directory)
    {
        int removed = 0;
        foreach (var name in ResultFiles.Append(CheckpointName))
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }

    /// <summary>A checkpoint that cannot be resumed, with what to do: it is left where it is.</summary>
    public static CorruptCheckpointException Unusable(CorruptCheckpointException e, string checkpoint) =>
        new CorruptCheckpointException($"{e.Problem}; it is left as it is: restore it, or start over with --overwrite", e, e.WrittenByOlderVersion).At(checkpoint);

    private static TrainStart ResumableOrThrow(string directory, string checkpoint, string hash)
    {
        (string Hash, int Epochs) found;
        try
        {
            found = CheckpointFile.Inspect(checkpoint);
        }
        catch (CorruptCheckpointException e)
        {
            throw Unusable(e, checkpoint);
        }
        if (found.Hash != hash)
            throw new CommandLineException($"--out {directory} holds a checkpoint of another run ({found.Hash}, after epoch {found.Epochs}), not of this one ({hash}): " +
                                           "resume it with the flags it was started with, or start over with --overwrite");
        return TrainStart.Resume;
    }

    private static string DescribeCheckpoint(string checkpoint, string hash)
    {
        try
        {
            var (owner, epochs) = CheckpointFile.Inspect(checkpoint);
            return owner == hash
                ? $"a checkpoint of this run after epoch {epochs}"
                : $"a checkpoint of another run ({owner}, after epoch {epochs}), not of this one ({hash})";
        }
        catch (CorruptCheckpointException e)
        {
            return $"a checkpoint that cannot be used ({e.Problem})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"a checkpoint that cannot be read ({e.Message})";
        }
    }

    private static string Status(string directory)
    {
        try
        {
            var path = Path.Combine(directory, "run.json");
            if (!File.Exists(path) || new FileInfo(path).Length > 16 << 20) return "finished";
            return JsonNode.Parse(File.ReadAllText(path))?["status"]?.GetValue<string>() switch
            {
                "done" => "finished",
                "failed" => "failed",
                _ => "finished",
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return "finished";
        }
    }
}
