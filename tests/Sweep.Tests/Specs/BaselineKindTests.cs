using SmartMixed.Training.Config;
using static SmartMixed.Sweep.Tests.Specs.SweepSpecTests;

namespace SmartMixed.Sweep.Tests.Specs;

/// <summary>Random, shuffled and soft baselines beside the fixed ones: what each varies with, and what it depends on.</summary>
public class BaselineKindTests
{
    private const string Spec4 = """
        data: { name: synthetic }
        epochs: 6
        fixed: { switch: { rule: epoch, epoch: 3 } }
        factors:
          pool: [paper6, relu_family]
          temperature: [0.3, 1.0]
        seeds: 2
        baselines: [relu, random, shuffled, soft]
        """;

    [Fact]
    public void Each_kind_varies_with_what_it_uses_and_a_shuffled_run_follows_the_smartmixed_run_of_its_seed()
    {
        var plan = SweepSpecTests.Spec(Spec4).Expand();
        var smart = plan.Runs.Where(r => !r.IsBaseline).ToList();
        Assert.Equal(8, smart.Count); // 2 pools × 2 temperatures × 2 seeds
        Assert.Equal(2, plan.Runs.Count(r => r.Config.Fixed == "relu")); // one per seed: relu ignores pool and temperature
        Assert.Equal(4, plan.Runs.Count(r => r.Config.Baseline == BaselineKind.Random)); // per pool and seed
        Assert.Equal(4, plan.Runs.Count(r => r.Config.Baseline == BaselineKind.Soft));
        var shuffled = plan.Runs.Where(r => r.Config.Baseline == BaselineKind.Shuffled).ToList();
        Assert.Equal(8, shuffled.Count); // one per SmartMixed run

        foreach (var run in shuffled)
        {
            var source = smart.Single(s => s.Hash == run.Config.ShuffledFrom);
            Assert.Equal(source.Config.Seed, run.Config.Seed);
            Assert.Equal(source.Config.Pool, run.Config.Pool);
            Assert.Equal(source.Hash, run.ToRunSpec().Source); // its shard starts it after its source
            Assert.Equal(source.Factor("pool"), run.Factor("pool"));
            Assert.Equal(source.Factor("temperature"), run.Factor("temperature"));
            Assert.Equal("shuffled", run.Factor("baseline"));
            Assert.Equal("shuffled", run.ToRunSpec().Baseline);
        }
        // The two seeds of one source cell form one shuffled cell.
        Assert.Equal(4, shuffled.Select(r => r.CellKey).Distinct().Count());

        var random = plan.Runs.Where(r => r.Config.Baseline == BaselineKind.Random).ToList();
        Assert.All(random, r => Assert.Equal("-", r.Factor("temperature")));
        Assert.Equal(["paper6", "relu_family"], random.Select(r => r.Factor("pool")).Distinct().Order());
        Assert.All(plan.Runs.Where(r => r.Config.Fixed == "relu"), r => Assert.Equal("-", r.Factor("pool")));
        // Every baseline shares its setting with the SmartMixed cells: the tables pair them.
        Assert.Single(plan.ToRunSpecs().Select(r => r.SettingKey).Distinct());
    }

    [Fact]
    public void An_unknown_baseline_names_the_kinds_too()
    {
        var problem = Assert.Single(Problems(Spec4.Replace("[relu, random, shuffled, soft]", "[relu, shufled]")));
        Assert.Equal("baselines[1]", problem.Path);
        Assert.Contains("random, shuffled, soft", problem.Message);
        Assert.Contains("did you mean 'shuffled'", problem.Message);
    }
}
