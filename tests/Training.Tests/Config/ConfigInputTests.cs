using System.Text;
using SmartMixed.Training.Config;
using SmartMixed.Training.Tests.Data;

namespace SmartMixed.Training.Tests.Config;

/// <summary>Hostile or broken config and spec files: bounded memory, one clear problem each, at the right place.</summary>
public sealed class ConfigInputTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Nested anchors and aliases: <paramref name="levels"/> levels of ten aliases each expand to 10^levels values.</summary>
    internal static string AliasBomb(int levels)
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= levels; i++)
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return text.ToString();
    }

    [Fact]
    public void An_alias_bomb_is_refused_with_bounded_memory()
    {
        var text = AliasBomb(6); // a million values once expanded; the old reader built them all
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "bomb.yaml"));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("bomb.yaml: line", error.Message);
        Assert.Contains("100,000 values once its aliases are expanded", error.Message);
        Assert.True(allocated < 64 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_larger_alias_bomb_stops_as_early()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<ConfigException>(() => ConfigDocument.Parse(AliasBomb(9), "bomb.yaml"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Long_text_repeated_by_aliases_is_refused_too()
    {
        var text = $"s: &s \"{new string('x', 100_000)}\"\nl: [{string.Join(", ", Enumerable.Repeat("*s", 100))}]\n";
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "long.yaml"));
        Assert.Contains("characters of text", error.Message);
    }

    [Fact]
    public void Anchors_and_aliases_of_normal_size_still_work()
    {
        var node = ConfigDocument.Parse("pool: &p [relu, tanh]\nother: *p\nopt: &o { lr: 1 }\nagain: *o\n", "ok.yaml");
        Assert.Equal("[\"relu\",\"tanh\"]", node["other"]!.ToJsonString());
        Assert.Equal("{\"lr\":1}", node["again"]!.ToJsonString());
    }

    [Theory]
    [InlineData(1_000, '[', ']')]
    [InlineData(1_000, '{', '}')]
    public void Deep_nesting_is_refused_without_recursion(int depth, char open, char close)
    {
        var text = open == '['
            ? new string(open, depth) + new string(close, depth)
            : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string(close, depth);
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "deep.json"));
        Assert.Contains("nested more than 64 levels deep", error.Message);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_before_parsing()
    {
        var path = _directory.Write("huge.yaml", Encoding.UTF8.GetBytes("# " + new string('x', ConfigDocument.MaxFileBytes) + "\nepochs: 1\n"));
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Load(path));
        Assert.Equal($"{path} is larger than 1024 KiB; a config or spec is a few kilobytes", error.Message);
    }

    [Fact]
    public void An_endless_file_is_read_only_up_to_the_cap()
    {
        if (!File.Exists("/dev/zero")) return;
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Load("/dev/zero"));
        Assert.Contains("larger than", error.Message);
    }

    [Fact]
    public void A_directory_is_not_a_file()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Load(_directory.Path));
        Assert.Equal($"{_directory.Path} is a directory, not a file", error.Message);
    }

    [Fact]
    public void A_binary_file_is_not_text()
    {
        var path = _directory.Write("model.bin", [0x80, 0x81, 0xFE, 0x00, 0x01]);
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Load(path));
        Assert.Contains("is not UTF-8 text", error.Message);
    }

    [Theory]
    [InlineData("epochs: 3\n\tseed: 2\n", 2, 1)]
    [InlineData("optimizer:\n  lr: 1\n\tbeta1: 2\n", 3, 1)]
    [InlineData("a: 1\nb:\n  c: 2\n  \td: 3\n", 4, 3)]
    [InlineData("data:\n\tname: mnist\n", 2, 1)]
    public void A_tab_in_the_indentation_is_reported_where_it_is(string text, int line, int column)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "tab.yaml"));
        Assert.Equal($"tab.yaml: line {line}, column {column}: a tab in the indentation; YAML indents with spaces only", error.Message);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", "line 1, column 6")]    // YamlDotNet throws InvalidOperationException here
    [InlineData("a: 1\nb: \"open\nc: 2\n", "line 3")]
    [InlineData("a:\n  b: 1\n c: 2\n", "line 3, column 2")]
    [InlineData("a: {x: 1\n", "line 2")]
    public void Syntax_errors_name_a_line_and_column(string text, string where)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(text, "bad.yaml"));
        Assert.StartsWith($"bad.yaml: {where}", error.Message);
    }

    [Fact]
    public void Aliases_without_anchors_duplicate_keys_and_second_documents_are_named()
    {
        Assert.Equal("x.yaml: line 1, column 4: the alias *nope refers to no anchor &nope before it",
            Assert.Throws<ConfigException>(() => ConfigDocument.Parse("a: *nope\n", "x.yaml")).Message);
        Assert.Equal("x.yaml: line 2, column 1: the key 'a' appears twice",
            Assert.Throws<ConfigException>(() => ConfigDocument.Parse("a: 1\na: 2\n", "x.yaml")).Message);
        Assert.Contains("line 2: a second YAML document starts here",
            Assert.Throws<ConfigException>(() => ConfigDocument.Parse("a: 1\n---\nb: 2\n", "x.yaml")).Message);
        Assert.Equal("x.yaml is empty", Assert.Throws<ConfigException>(() => ConfigDocument.Parse("# nothing\n", "x.yaml")).Message);
    }

    [Fact]
    public void Every_unknown_key_and_wrong_value_of_a_run_config_is_reported_at_once_in_plain_words()
    {
        const string yaml = """
            epoch: 3
            learnign: 2
            optimizer: { lr: 3, batch_size: many, beta1: "0.9" }
            selection: { noise: per_smaple }
            hidden: [64, x, null]
            temperature: 0.3
            preset: referense
            """;
        var error = Assert.Throws<ConfigException>(() => RunConfigFile.FromNode(ConfigDocument.Parse(yaml, "x.yaml")));
        var problems = error.Problems.ToDictionary(p => p.Path, p => p.Message);

        Assert.StartsWith("unknown key 'epoch' (did you mean 'epochs'?); valid keys: preset, data, hidden,", problems["epoch"]);
        Assert.StartsWith("unknown key 'learnign'", problems["learnign"]);
        Assert.StartsWith("unknown key 'lr'; valid keys: learning_rate, beta1", problems["optimizer.lr"]);
        Assert.Equal("must be a whole number, got \"many\"", problems["optimizer.batch_size"]);
        Assert.Equal("must be a number, got \"0.9\"", problems["optimizer.beta1"]);
        Assert.Equal("must be one of per_sample, per_batch, got \"per_smaple\" (did you mean 'per_sample'?)", problems["selection.noise"]);
        Assert.Equal("must be a whole number, got \"x\"", problems["hidden[1]"]);
        Assert.Equal("must be a whole number, got null", problems["hidden[2]"]);
        Assert.StartsWith("must be a mapping with keys schedule, start, floor", problems["temperature"]);
        Assert.Equal("must be a preset name (default, reference), got \"referense\" (did you mean 'reference'?)", problems["preset"]);
        Assert.Equal(10, problems.Count);
        Assert.DoesNotContain(error.Problems, p => p.Message.Contains("SmartMixed.") || p.Message.Contains("`") || p.Message.Contains(".NET"));
    }
}
