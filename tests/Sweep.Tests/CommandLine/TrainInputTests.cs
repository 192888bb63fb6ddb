namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary><c>train</c>'s flags and config files as a careless or hostile user writes them: every problem at once, in plain words.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainInputTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-cli-input-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string In(string name) => Path.Combine(_directory.FullName, name);

    private (int Code, string Text) Train(params string[] args) =>
        ConsoleCapture.Run(["train", "--dataset", "synthetic", "--hidden", "8", "--epochs", "2", "--switch", "1", "--out", In("run"), .. args]);

    [Fact]
    public void Every_bad_flag_is_reported_at_once_naming_the_flag_and_value()
    {
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "synthetic", "--epochs", "abc", "--temperature", "nan", "--hidden", "64,x",
            "--noise", "sometimes", "--lr", "inf", "--batch-size", "1.5", "--clip", "lots", "--seed", "99999999999", "--out", In("run")]);

        Assert.Equal(2, code);
        Assert.Contains("error: 8 problems:", text);
        Assert.Contains("--epochs: 'abc' is not a whole number", text);
        Assert.Contains("--temperature: 'nan' is not a finite number", text);
        Assert.Contains("--hidden: 'x' is not a whole number (expected e.g. 512,256,128)", text);
        Assert.Contains("--noise: must be one of per_sample, per_batch, got \"sometimes\"", text);
        Assert.Contains("--lr: 'inf' is not a finite number", text);
        Assert.Contains("--batch-size: '1.5' is not a whole number", text);
        Assert.Contains("--clip: 'lots' is not a number (or 'none')", text);
        Assert.Contains("--seed: '99999999999' is too large for a whole number here", text);
        Assert.DoesNotContain("Nullable", text);
        Assert.DoesNotContain("Json", text);
        Assert.False(Directory.Exists(In("run")));
    }

    [Fact]
    public void A_bad_hidden_does_not_hide_problems_the_validator_finds()
    {
        var (code, text) = ConsoleCapture.Run(["train", "--dataset", "imagenet", "--hidden", "64,x", "--temperature", "-1", "--out", In("run")]);
        Assert.Equal(2, code);
        Assert.Contains("--hidden: 'x' is not a whole number", text);
        Assert.Contains("--dataset: unknown data set 'imagenet'", text);
        Assert.Contains("--temperature: τ must be > 0, got -1", text);
    }

    [Fact]
    public void The_learning_rate_has_its_long_name_too()
    {
        var (code, text) = Train("--learning-rate", "-1");
        Assert.Equal(2, code);
        Assert.Equal("error: --lr: must be positive, got -1", text.Trim());
    }

    [Fact]
    public void Every_unknown_key_of_a_config_file_is_reported_at_once_with_its_path_and_a_suggestion()
    {
        File.WriteAllText(In("run.yaml"), "epoch: 3\noptimizer: { lr: 0.1, beta: 0.9 }\nselection: { noise: per_smaple }\n");
        var (code, text) = ConsoleCapture.Run(["train", "--config", In("run.yaml"), "--epochs", "x"]);

        Assert.Equal(2, code);
        Assert.Contains("error: 5 problems:", text);
        Assert.Contains("run.yaml: epoch: unknown key 'epoch' (did you mean 'epochs'?)", text);
        Assert.Contains("run.yaml: optimizer.lr: unknown key 'lr'; valid keys: learning_rate,", text);
        Assert.Contains("run.yaml: optimizer.beta: unknown key 'beta'", text);
        Assert.Contains("run.yaml: selection.noise: must be one of per_sample, per_batch, got \"per_smaple\" (did you mean 'per_sample'?)", text);
        Assert.Contains("--epochs: 'x' is not a whole number", text);
        Assert.DoesNotContain("SmartMixed.", text);
        Assert.DoesNotContain(".NET", text);
    }

    [Fact]
    public void A_yaml_tab_is_reported_at_its_line()
    {
        File.WriteAllText(In("tab.yaml"), "epochs: 3\noptimizer:\n  batch_size: 64\n\tlearning_rate: 0.1\n");
        var (code, text) = ConsoleCapture.Run(["train", "--config", In("tab.yaml")]);
        Assert.Equal(2, code);
        Assert.Equal("error: tab.yaml: line 4, column 1: a tab in the indentation; YAML indents with spaces only", text.Trim());
    }

    [Fact]
    public void An_alias_bomb_as_a_config_or_spec_is_refused_quickly()
    {
        // Nine levels of ten aliases: 10^9 values once expanded (the old reader grew to 15 GB on this).
        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        File.WriteAllText(In("bomb.yaml"), bomb.ToString());
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (trainCode, trainText) = ConsoleCapture.Run(["train", "--config", In("bomb.yaml")]);
        var (sweepCode, sweepText) = ConsoleCapture.Run(["sweep", "run", In("bomb.yaml"), "--out", In("results")]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal((2, 2), (trainCode, sweepCode));
        Assert.Contains("more than 100,000 values once its aliases are expanded", trainText);
        Assert.Contains("more than 100,000 values once its aliases are expanded", sweepText);
        Assert.False(Directory.Exists(In("results")));
    }

    [Fact]
    public void A_directory_given_as_a_config_or_spec_is_named_as_one()
    {
        var (trainCode, trainText) = ConsoleCapture.Run(["train", "--config", _directory.FullName]);
        var (sweepCode, sweepText) = ConsoleCapture.Run(["sweep", "run", _directory.FullName, "--out", In("results")]);
        Assert.Equal((2, 2), (trainCode, sweepCode));
        Assert.Equal($"error: {_directory.FullName} is a directory, not a file", trainText.Trim());
        Assert.Equal($"error: {_directory.FullName} is a directory, not a file", sweepText.Trim());
    }

    [Theory]
    [InlineData("--checkpoint-every", "-1", "--checkpoint-every: must be 0 (never) or positive, got -1")]
    [InlineData("--checkpoint-every", "often", "--checkpoint-every: 'often' is not a whole number")]
    [InlineData("--preset", "referense", "--preset: unknown preset 'referense' (did you mean 'reference'?); valid: default, reference")]
    public void Other_train_flags_are_checked_too(string flag, string value, string expected)
    {
        var (code, text) = Train(flag, value);
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", text.Trim());
        Assert.False(Directory.Exists(In("run")));
    }
}
