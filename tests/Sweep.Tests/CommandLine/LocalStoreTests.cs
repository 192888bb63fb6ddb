using System.Diagnostics;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Testing;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>
/// The local store is a first-class store: a sweep run on it can be listed, inspected, exported and cancelled later
/// without a cluster, and two processes never fight over it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LocalStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-local-");

    private string In(string name) => Path.Combine(_directory.FullName, name);

    private const string Spec = """
        name: tiny
        data: { name: synthetic }
        epochs: 2
        fixed: { hidden: [8], switch: { rule: epoch, epoch: 1 } }
        factors: { temperature: [0.5, 1.0] }
        seeds: 2
        baselines: [relu]
        """;

    [Fact]
    public void A_sweep_run_on_the_local_store_can_be_listed_inspected_exported_and_cancelled_later()
    {
        File.WriteAllText(In("tiny.yaml"), Spec);
        var (code, text) = ConsoleCapture.Run(["sweep", "run", In("tiny.yaml"), "--data-dir", In("store"), "--out", In("results"), "--slots", "2"]);
        Assert.True(code == 0, text);
        Assert.True(File.Exists(In("results/tiny/runs.csv")));

        (code, text) = ConsoleCapture.Run(["sweep", "list", "--data-dir", In("store")]);
        Assert.True(code == 0, text);
        Assert.Contains("tiny", text);
        Assert.Contains("completed", text);

        (code, text) = ConsoleCapture.Run(["sweep", "status", "tiny", "--data-dir", In("store"), "--runs", "all"]);
        Assert.True(code == 0, text);
        Assert.Contains("6/6 done", text); // 2 temperatures × 2 seeds + relu × 2 seeds
        Assert.Equal(6, text.Split('\n').Count(l => l.Contains("done") && l.Contains("2/2")));

        (code, text) = ConsoleCapture.Run(["sweep", "export", "tiny", "--data-dir", In("store"), "--out", In("again")]);
        Assert.True(code == 0, text);
        Assert.Equal(File.ReadAllText(In("results/tiny/runs.csv")), File.ReadAllText(In("again/tiny/runs.csv")));

        (code, text) = ConsoleCapture.Run(["sweep", "cancel", "tiny", "--data-dir", In("store")]);
        Assert.True(code == 0, text); // a finished sweep stays finished
        Assert.Contains("6/6 done", text);

        (code, text) = ConsoleCapture.Run(["sweep", "status", "nope", "--data-dir", In("store")]);
        Assert.Equal(2, code);
        Assert.Contains("no sweep 'nope' here; known: tiny", text);
    }

    [Fact]
    public void A_second_process_on_the_same_local_store_is_refused_with_who_holds_it()
    {
        File.WriteAllText(In("tiny.yaml"), Spec);
        using var holder = LocalStoreLock.TryAcquire(In("store"), out _);
        Assert.NotNull(holder);
        holder.Publish(null, "sweep run other");

        var (code, text) = ConsoleCapture.Run(["sweep", "run", In("tiny.yaml"), "--data-dir", In("store"), "--out", In("results")]);
        Assert.Equal(1, code);
        Assert.Contains($"process {Environment.ProcessId}", text);
        Assert.Contains("sweep run other", text);
        Assert.False(Directory.Exists(In("results/tiny")));
    }

    [Fact]
    public void A_redis_that_does_not_answer_is_reported_in_one_line_within_the_timeout()
    {
        var port = RedisServer.FreePort(); // nothing listens there
        var clock = Stopwatch.StartNew();
        var (code, text) = ConsoleCapture.Run(["sweep", "list", "--redis", $"127.0.0.1:{port}", "--connect-timeout", "2"]);
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{port} within 2 s", text);
        Assert.Single(text.Trim().Split('\n'));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
