using SmartMixed.Training.Config;

namespace SmartMixed.Training.Tests.Trainer;

public class DeterminismTests
{
    [Fact]
    public void Same_config_and_seed_give_identical_numbers_run_after_run()
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small();
        var first = TestRuns.RunToEnd(config, data);
        var second = TestRuns.RunToEnd(config, data);
        Assert.Equal(first.Numbers, second.Numbers);
        Assert.Equal(first.Result.TestAccuracy, second.Result.TestAccuracy);
    }

    [Fact]
    public async Task Runs_side_by_side_in_one_process_give_the_numbers_of_runs_alone()
    {
        using var data = TestRuns.SyntheticData();
        var a = TestRuns.Small(seed: 1) with { Selection = new SelectionSpec(NoiseMode.PerBatch) };
        var b = TestRuns.Small(seed: 2);
        var aloneA = TestRuns.RunToEnd(a, data).Numbers;
        var aloneB = TestRuns.RunToEnd(b, data).Numbers;

        // Three at once, two of them identical, started together on the thread pool.
        var together = new[] { a, b, a }.Select(c => Task.Run(() => TestRuns.RunToEnd(c, data).Numbers)).ToArray();
        var results = await Task.WhenAll(together);
        Assert.Equal(aloneA, results[0]);
        Assert.Equal(aloneB, results[1]);
        Assert.Equal(aloneA, results[2]);
        Assert.NotEqual(aloneA, aloneB);
    }

    [Fact]
    public void A_different_seed_gives_different_numbers()
    {
        using var data = TestRuns.SyntheticData();
        Assert.NotEqual(TestRuns.RunToEnd(TestRuns.Small(seed: 1), data).Numbers, TestRuns.RunToEnd(TestRuns.Small(seed: 2), data).Numbers);
    }
}
