using System.Text.Json;
using SmartMixed.Client.Commands;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>
/// <c>train</c> and the work already in its output directory: checkpoints and results are never replaced or resumed
/// silently, a damaged checkpoint is an error naming it, and an unusable directory is found before any training.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainOutputTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-cli-out-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string In(string name) => Path.Combine(_directory.FullName, name);

    private string Run => In("run");
    private string Checkpoint => Path.Combine(Run, TrainOutputFolder.CheckpointName);

    private static readonly TrainSettings Settings = new() { Dataset = "synthetic", Hidden = "8", Epochs = "4", Switch = "2", Seed = "5" };

    private (int Code, string Text) Train(params string[] args) =>
        ConsoleCapture.Run(["train", "--dataset", "synthetic", "--hidden", "8", "--epochs", "4", "--switch", "2", "--seed", "5", "--out", Run, .. args]);

    /// <summary>The checkpoint an interrupted <c>train</c> with <see cref="Settings"/> leaves after <paramref name="epochs"/> epochs.</summary>
    private void Interrupted(int epochs)
    {
        var config = RunConfigOverrides.Build(Settings);
        using var data = new TrainingData(DatasetCatalog.Load(config.Data));
        using var session = TrainingSession.Start(config, data);
        for (int i = 0; i < epochs; i++) session.RunEpoch();
        CheckpointFile.Save(session, Checkpoint);
    }

    [Fact]
    public void A_checkpoint_is_never_started_over_without_being_asked()
    {
        Interrupted(epochs: 2);
        var before = File.ReadAllBytes(Checkpoint);

        var (code, text) = Train();

        Assert.Equal(2, code);
        Assert.Equal($"error: --out {Run} holds a checkpoint of this run after epoch 2; continue it with --resume, or start over with --overwrite (which replaces it)", text.Trim());
        Assert.Equal(before, File.ReadAllBytes(Checkpoint));
    }

    [Fact]
    public void Resume_continues_the_checkpoint_and_overwrite_starts_over()
    {
        Interrupted(epochs: 2);
        var (resumed, resumedText) = Train("--resume");
        Assert.True(resumed == 0, resumedText);
        Assert.Contains("resumed after epoch 2", resumedText);

        Interrupted(epochs: 3);
        var (again, againText) = Train("--overwrite");
        Assert.True(again == 0, againText);
        Assert.Contains("--overwrite: replaced the earlier run's files", againText);
        Assert.DoesNotContain("resumed", againText);
        Assert.Equal(1 + 4, File.ReadAllLines(Path.Combine(Run, "epochs.csv")).Length);
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_not_resumed_with_these_flags()
    {
        Interrupted(epochs: 2);
        var (code, text) = Train("--resume", "--lr", "0.5");
        Assert.Equal(2, code);
        Assert.Contains($"error: --out {Run} holds a checkpoint of another run (", text);
        Assert.Contains("resume it with the flags it was started with, or start over with --overwrite", text);
    }

    [Fact]
    public void Finished_results_are_not_overwritten_without_being_asked()
    {
        Assert.Equal(0, Train().Code);
        var runJson = File.ReadAllText(Path.Combine(Run, "run.json"));

        var (code, text) = Train("--lr", "0.01");
        Assert.Equal(2, code);
        Assert.Equal($"error: --out {Run} already holds the results of a finished run (run.json, epochs.csv, selection.csv); choose another --out, or replace them with --overwrite", text.Trim());

        var (resume, resumeText) = Train("--resume");
        Assert.Equal(2, resume);
        Assert.Contains("there is nothing to resume", resumeText);
        Assert.Equal(runJson, File.ReadAllText(Path.Combine(Run, "run.json")));

        Assert.Equal(0, Train("--lr", "0.01", "--overwrite").Code);
        using var replaced = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "run.json")));
        Assert.Equal(0.01, replaced.RootElement.GetProperty("config").GetProperty("optimizer").GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public void A_damaged_checkpoint_is_an_error_naming_it_and_is_kept()
    {
        Interrupted(epochs: 2);
        var bytes = File.ReadAllBytes(Checkpoint);
        for (int i = 0; i < 16; i++) bytes[bytes.Length / 2 + i] ^= 0xFF; // 16 bytes flipped in the middle
        File.WriteAllBytes(Checkpoint, bytes);

        var (code, text) = Train("--resume");

        Assert.Equal(1, code);
        Assert.Equal($"error: {Checkpoint}: the checkpoint is damaged: its SHA-256 does not match its contents (changed or corrupted after it was written); it is left as it is: restore it, or start over with --overwrite", text.Trim().Split('\n')[^1]);
        Assert.DoesNotContain("epoch   3", text);
        Assert.Equal(bytes, File.ReadAllBytes(Checkpoint));
        Assert.False(File.Exists(Path.Combine(Run, "run.json")));
    }

    [Fact]
    public void A_truncated_or_old_checkpoint_is_refused_too()
    {
        Interrupted(epochs: 2);
        var bytes = File.ReadAllBytes(Checkpoint);
        File.WriteAllBytes(Checkpoint, bytes[..^1]);
        var (truncated, truncatedText) = Train("--resume");
        Assert.Equal(1, truncated);
        Assert.Contains("the checkpoint is truncated or was not completely written", truncatedText);

        // An unsealed checkpoint of the version before the integrity check: the same header, magic /1.
        var old = bytes[..^48];
        System.Text.Encoding.UTF8.GetBytes("SMARTMIXED-CHECKPOINT/1").CopyTo(old, 1);
        File.WriteAllBytes(Checkpoint, old);
        var (older, olderText) = Train("--resume");
        Assert.Equal(1, older);
        Assert.Contains("written by an older version of smartmixed, without an integrity check", olderText);
        Assert.Equal(old, File.ReadAllBytes(Checkpoint));

        var (plain, plainText) = Train();
        Assert.Equal(2, plain);
        Assert.Contains("holds a checkpoint that cannot be used (the checkpoint was written by an older version", plainText);
    }

    [Theory]
    [InlineData("/sys/smartmixed-test/run", "error: --out /sys/smartmixed-test/run cannot be created: /sys is not writable")]
    [InlineData("/proc/smartmixed-test", "error: --out /proc/smartmixed-test cannot be created: /proc is not writable")]
    public void An_unwritable_out_is_one_line_before_any_training(string outDir, string expected)
    {
        if (!Directory.Exists(Path.GetPathRoot(outDir) + outDir.Split('/')[1])) return;
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--hidden", "8", "--epochs", "2", "--switch", "1",
            "--checkpoint-every", "0", "--out", outDir]);
        Assert.Equal(2, code);
        Assert.StartsWith(expected, text.Trim());
        Assert.Single(text.Trim().Split('\n'));
    }

    [Fact]
    public void An_out_that_is_a_file_is_one_line()
    {
        File.WriteAllText(In("file"), "mine");
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--epochs", "2", "--switch", "1", "--out", In("file")]);
        Assert.Equal(2, code);
        Assert.Equal($"error: --out: {In("file")} is a file, not a directory", text.Trim());

        var (nested, nestedText) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--epochs", "2", "--switch", "1", "--out", In("file/run")]);
        Assert.Equal(2, nested);
        Assert.Equal($"error: --out {In("file/run")} cannot be created: {In("file")} is a file, not a directory; choose another --out", nestedText.Trim());
        Assert.Equal("mine", File.ReadAllText(In("file")));
    }
}
