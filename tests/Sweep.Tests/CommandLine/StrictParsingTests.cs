using SmartMixed.Client;
using SmartMixed.Client.CommandLine;
using Spectre.Console.Cli;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>Every command refuses what it does not know — unknown flags, missing values, stray arguments — with exit 2 and a suggestion.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StrictParsingTests
{
    public static TheoryData<string> Commands => new(CommandCatalog.All.Select(c => c.Path));

    public static TheoryData<string> CommandsWithFlags => new(CommandCatalog.All.Where(c => c.Flags.Count > 0).Select(c => c.Path));

    /// <summary>The command's words and a placeholder for each of its arguments: a command line that parses.</summary>
    private static List<string> Line(string path)
    {
        var command = CommandCatalog.All.Single(c => c.Path == path);
        return [.. command.Words, .. command.Arguments.Select(_ => "x")];
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_refuses_an_unknown_flag_and_runs_nothing(string path)
    {
        var (code, text) = ConsoleCapture.Run([.. Line(path), "--no-such-flag", "1"]);
        Assert.Equal(2, code);
        Assert.Equal($"error: unknown flag --no-such-flag for '{path}'; see ./smartmixed {path} --help", text.Trim());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_suggests_the_flag_meant_by_a_typo(string path)
    {
        var flag = CommandCatalog.All.Single(c => c.Path == path).Flags.Select(f => f.Name).FirstOrDefault(n => n.Length > 5) ?? "--help";
        var typo = flag[..^1]; // the last letter forgotten
        var (code, text) = ConsoleCapture.Run([.. Line(path), typo, "1"]);
        Assert.Equal(2, code);
        Assert.Contains($"unknown flag {typo} for '{path}' (did you mean {flag}?)", text);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_refuses_arguments_after_a_double_dash(string path)
    {
        var (code, text) = ConsoleCapture.Run([.. Line(path), "--", "--epochs", "3"]);
        Assert.Equal(2, code);
        Assert.Contains("unexpected arguments '--epochs' '3'", text);
    }

    [Theory]
    [MemberData(nameof(CommandsWithFlags))]
    public void Every_command_refuses_a_flag_given_twice(string path)
    {
        var flags = CommandCatalog.All.Single(c => c.Path == path).Flags;
        var flag = flags.FirstOrDefault(f => f.TakesValue) ?? flags[0];
        var other = flag.Spellings.Last(); // another spelling of the same flag counts too
        string[] line = flag.TakesValue ? [flag.Name, "1", $"{other}=2"] : [flag.Name, other];
        string given = flag.TakesValue ? $"{flag.Name} 1, {other}=2" : $"{flag.Name}, {other}";
        var (code, text) = ConsoleCapture.Run([.. Line(path), .. line]);
        Assert.Equal(2, code);
        Assert.Equal($"error: {flag.Name} is given more than once ({given}); give it once", text.Trim());
    }

    [Fact]
    public void A_negative_value_is_not_taken_for_a_flag()
    {
        var (code, text) = ConsoleCapture.Run(["train", "--temperature", "-1", "--epochs", "2", "--dataset", "synthetic"]);
        Assert.Equal(2, code);
        Assert.DoesNotContain("more than once", text);
        Assert.Contains("temperature", text);
    }

    [Theory]
    [InlineData("localhost:30000")]
    [InlineData("127.0.0.1")]
    public void A_gateway_that_is_not_ip_and_port_is_bad_input_named_in_one_line(string gateway)
    {
        var (code, text) = ConsoleCapture.Run(["sweep", "status", "quick", "--gateway", gateway]);
        Assert.Equal(2, code);
        Assert.Equal($"error: the gateway '{gateway}' must be IP:PORT, e.g. 127.0.0.1:30000", text.Trim());
    }

    [Fact]
    public void A_misspelt_gateway_never_falls_back_to_the_default_cluster()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, text) = ConsoleCapture.Run(["sweep", "cancel", "quick", "--gatway", "10.0.0.1:30000"]);
        Assert.Equal(2, code);
        Assert.Equal("error: unknown flag --gatway for 'sweep cancel' (did you mean --gateway?); see ./smartmixed sweep cancel --help", text.Trim());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "refused before connecting anywhere");
    }

    [Theory]
    [InlineData(new[] { "train", "--epoch", "1" }, "error: unknown flag --epoch for 'train' (did you mean --epochs?); see ./smartmixed train --help")]
    [InlineData(new[] { "train", "--resume", "yes" }, "error: --resume takes no value, but 'yes' follows it; see ./smartmixed train --help")]
    [InlineData(new[] { "train", "--resume=yes" }, "error: --resume takes no value (give it alone to turn it on); see ./smartmixed train --help")]
    [InlineData(new[] { "train", "--out" }, "error: --out needs a value: --out <DIR>")]
    [InlineData(new[] { "train", "--epochs", "--resume" }, "error: --epochs needs a value: --epochs <N>")]
    [InlineData(new[] { "sweep", "status", "quick", "--gateway" }, "error: --gateway needs a value: --gateway <HOST:PORT>")]
    [InlineData(new[] { "sweep", "run", "x.yaml", "--slots", "two" }, "error: --slots: 'two' is not a whole number")]
    [InlineData(new[] { "sweep", "run", "x.yaml", "--slots" }, "error: --slots needs a value: --slots <N>")]
    [InlineData(new[] { "sweep", "status" }, "error: 'sweep status' needs its SWEEP-ID argument; see ./smartmixed sweep status --help")]
    [InlineData(new[] { "data", "list", "extra" }, "error: unexpected argument 'extra': 'data list' takes no arguments; see ./smartmixed data list --help")]
    [InlineData(new[] { "trian" }, "error: unknown command 'trian' (did you mean 'train'?); commands: train, sweep, data")]
    [InlineData(new[] { "sweep", "stauts", "x" }, "error: unknown command 'sweep stauts' (did you mean 'status'?); commands: run, submit, status, watch, cancel, promote, export, report, list")]
    public void Parse_errors_are_one_plain_line(string[] args, string expected)
    {
        var (code, text) = ConsoleCapture.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, text.Trim());
    }

    [Fact]
    public void The_catalog_lists_every_command_of_the_client()
    {
        var commandTypes = typeof(SmartMixedApp).Assembly.GetTypes()
            .Where(t => typeof(ICommand).IsAssignableFrom(t) && !t.IsAbstract).ToHashSet();
        Assert.Equal(commandTypes.OrderBy(t => t.Name), CommandCatalog.All.Select(c => c.CommandType).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Each_catalog_entry_is_the_command_registered_under_its_words(string path)
    {
        var (code, text) = ConsoleCapture.Run([.. path.Split(' '), "--help"]);
        Assert.Equal(0, code);
        foreach (var flag in CommandCatalog.All.Single(c => c.Path == path).Flags)
            Assert.Contains(flag.Name, text);
    }
}
