using System.Text.Json;
using SmartMixed.Client;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>The smartmixed command line, driven in-process: exit codes, messages, and what it writes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-cli-");

    private string In(string name) => Path.Combine(_directory.FullName, name);

    [Theory]
    [InlineData("--temperature", "0")]
    [InlineData("--fixed", "swish")]
    [InlineData("--pool", "relu,relu")]
    [InlineData("--switch", "12")]
    [InlineData("--hidden", "64,x")]
    [InlineData("--dataset", "imagenet")]
    [InlineData("--noise", "sometimes")]
    public void Bad_train_flags_exit_2_and_write_nothing(string flag, string value)
    {
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--epochs", "4", flag, value, "--out", In("run")]);
        Assert.Equal(2, code);
        Assert.Contains("error", text);
        Assert.False(Directory.Exists(In("run")), "nothing is written for bad input");
    }

    [Fact]
    public void Train_writes_run_json_epochs_and_selection()
    {
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--hidden", "16", "--epochs", "3", "--switch", "1",
            "--lr", "0.01", "--seed", "3", "--out", In("run")]);
        Assert.True(code == 0, text);
        using var run = JsonDocument.Parse(File.ReadAllText(In("run/run.json")));
        Assert.Equal("done", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, run.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(16, run.RootElement.GetProperty("config_hash").GetString()!.Length);
        Assert.Equal(1, run.RootElement.GetProperty("result").GetProperty("switch_epoch").GetInt32());
        // The budget: one epoch of selecting steps, two of the final network's.
        long phase1 = run.RootElement.GetProperty("result").GetProperty("phase1_steps").GetInt64();
        Assert.True(phase1 > 0);
        Assert.Equal(2 * phase1, run.RootElement.GetProperty("result").GetProperty("phase2_steps").GetInt64());
        var epochs = File.ReadAllLines(In("run/epochs.csv"));
        Assert.Equal("epoch,phase,temperature,train_loss,validation_loss,validation_accuracy,flip_rate,train_seconds,wall_seconds,flip_rate.L1", epochs[0]);
        Assert.NotEqual("", epochs[1].Split(',')[^1]); // selecting: the layer's own flip rate
        Assert.Equal("", epochs[2].Split(',')[^1]); // fixed phase: none
        Assert.Equal(4, epochs.Length);
        var selection = File.ReadAllLines(In("run/selection.csv"));
        Assert.Equal(1 + 3 * 6, selection.Length); // 3 epochs × 1 layer × 6 functions
        Assert.False(File.Exists(In("run/checkpoint.bin")), "the checkpoint of a finished run is removed");
    }

    [Fact]
    public void A_diverging_run_exits_1_and_keeps_the_epochs_it_finished()
    {
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--fixed", "identity", "--hidden", "64,64",
            "--lr", "1e12", "--clip", "none", "--batch-size", "64", "--epochs", "6", "--out", In("run")]);
        Assert.Equal(1, code);
        Assert.Contains("diverged", text);
        using var run = JsonDocument.Parse(File.ReadAllText(In("run/run.json")));
        Assert.Equal("failed", run.RootElement.GetProperty("status").GetString());
        Assert.Contains("diverged", run.RootElement.GetProperty("failure").GetString());
        int finished = run.RootElement.GetProperty("epochs_run").GetInt32();
        Assert.Equal(1 + finished, File.ReadAllLines(In("run/epochs.csv")).Length);
    }

    [Fact]
    public void A_train_config_file_with_mistakes_reports_them_all()
    {
        File.WriteAllText(In("bad.yaml"), "preset: reference\nepochs: 10\ntemperature: { start: -1 }\nswitch: { epoch: 40 }\npool: [relu, swish]\n");
        var (code, text) = ConsoleCapture.Run(["train", "--config", In("bad.yaml")]);
        Assert.Equal(2, code);
        Assert.Contains("temperature.start", text);
        Assert.Contains("switch.epoch", text);
        Assert.Contains("swish", text);
    }

    [Fact]
    public void An_invalid_sweep_spec_exits_2_before_anything_runs()
    {
        File.WriteAllText(In("spec.yaml"), "epochs: 5\ndata: { name: synthetic }\nfactors: { pool: [paper6, [relu, swish]], temperature: [0] }\n");
        var (code, text) = ConsoleCapture.Run(["sweep", "run", In("spec.yaml"), "--out", In("results")]);
        Assert.Equal(2, code);
        Assert.Contains("factors.pool[1]", text);
        Assert.Contains("factors.temperature[0]", text);
        Assert.False(Directory.Exists(In("results")));
    }

    [Fact]
    public void A_client_without_a_reachable_cluster_says_so_and_exits_non_zero()
    {
        var port = RedisServer.FreePort(); // nothing listens there
        var (code, text) = ConsoleCapture.Run(["sweep", "list", "--gateway", $"127.0.0.1:{port}"]);
        Assert.Equal(1, code);
        Assert.Contains("cannot reach", text);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("UPPER")]
    [InlineData("a/b")]
    public void Export_refuses_ids_that_would_leave_its_directory(string sweepId)
    {
        var (code, text) = ConsoleCapture.Run(["sweep", "export", sweepId, "--out", In("out"), "--gateway", "127.0.0.1:1"]);
        Assert.Equal(2, code);
        Assert.Contains("sweep id", text);
        Assert.False(Directory.Exists(In("out")));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
