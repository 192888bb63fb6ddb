using SmartMixed.Client.Specs;
using static SmartMixed.Sweep.Tests.Specs.SweepSpecTests;

namespace SmartMixed.Sweep.Tests.Specs;

public class SweepSpecRandomTests
{
    private const string Grid = """
        data: { name: mnist-npm10k }
        epochs: 20
        factors:
          pool: [paper6, relu_family, smooth]
          temperature: [0.3, 0.5, 1.0]
          switch: [3, 5]
        """;

    [Fact]
    public void Random_count_samples_distinct_grid_points_deterministically()
    {
        var full = Spec(Grid).Expand();
        Assert.Equal(18, full.Runs.Count);

        var a = Spec(Grid + "\nrandom: 5\nrandom_seed: 7\n").Expand();
        var again = Spec(Grid + "\nrandom: { count: 5, seed: 7 }\n").Expand();
        var other = Spec(Grid + "\nrandom: { count: 5, seed: 8 }\n").Expand();

        Assert.Equal(5, a.Runs.Count);
        Assert.Equal(5, a.Runs.Select(r => r.CellKey).Distinct().Count());
        Assert.Equal(a.Runs.Select(r => r.Hash), again.Runs.Select(r => r.Hash));
        Assert.NotEqual(a.Runs.Select(r => r.Hash), other.Runs.Select(r => r.Hash));
        // a subset of the full grid, in grid order
        var fullOrder = full.Runs.Select(r => r.Hash).ToList();
        var positions = a.Runs.Select(r => fullOrder.IndexOf(r.Hash)).ToArray();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        // the whole grid, sampled, is the grid
        var all = Spec(Grid + "\nrandom: 18\n").Expand();
        Assert.Equal(fullOrder, all.Runs.Select(r => r.Hash));
    }

    [Fact]
    public void Random_count_beyond_the_grid_or_below_one_is_a_problem()
    {
        var tooMany = Problems(Grid + "\nrandom: 19\n");
        Assert.Equal(["random"], tooMany.Select(p => p.Path));
        Assert.Contains("only 18", tooMany[0].Message);

        Assert.Equal(["random.count"], Problems(Grid + "\nrandom: { count: 0 }\n").Select(p => p.Path));
    }

    [Fact]
    public void Random_ranges_draw_in_bounds_log_uniformly_and_deterministically()
    {
        const string yaml = """
            data: { name: mnist-npm10k }
            epochs: 8
            factors:
              pool: [paper6, relu_family]
            seeds: 1
            random:
              count: 200
              seed: 3
              ranges:
                temperature.start: { min: 0.1, max: 2.0, log: true }
                optimizer.learning_rate: { min: 1e-4, max: 1e-2, log: true }
                switch.epoch: { min: 2, max: 5 }
                optimizer.beta1: { min: 0.8, max: 0.9 }
            """;
        var plan = Spec(yaml).Expand();
        Assert.Equal(200, plan.Runs.Count);
        Assert.Equal(plan.Runs.Select(r => r.Hash), Spec(yaml).Expand().Runs.Select(r => r.Hash));

        var configs = plan.Runs.Select(r => r.Config).ToArray();
        Assert.All(configs, c => Assert.InRange(c.Temperature.Start, 0.1, 2.0));
        Assert.All(configs, c => Assert.InRange(c.Optimizer.LearningRate, 1e-4, 1e-2));
        Assert.All(configs, c => Assert.InRange(c.Switch.Epoch, 2, 5));
        Assert.All(configs, c => Assert.InRange(c.Optimizer.Beta1, 0.8, 0.9));
        Assert.Equal([2, 3, 4, 5], configs.Select(c => c.Switch.Epoch).Distinct().Order());
        Assert.Equal(2, configs.Select(c => string.Join(",", c.Pool)).Distinct().Count());

        // log-uniform: about half below the geometric midpoint (a uniform draw would put ~9 % there)
        double belowMid = configs.Count(c => c.Optimizer.LearningRate < 1e-3) / (double)configs.Length;
        Assert.InRange(belowMid, 0.38, 0.62);
        // linear: about half below the arithmetic midpoint
        double belowLinearMid = configs.Count(c => c.Optimizer.Beta1 < 0.85) / (double)configs.Length;
        Assert.InRange(belowLinearMid, 0.38, 0.62);

        // labels name the drawn values exactly
        foreach (var run in plan.Runs.Take(20))
        {
            Assert.Equal(run.Config.Optimizer.LearningRate, double.Parse(run.Factor("optimizer.learning_rate")!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(run.Config.Switch.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Factor("switch.epoch"));
        }
        Assert.Equal(["pool", "temperature.start", "optimizer.learning_rate", "switch.epoch", "optimizer.beta1", "seed"],
            plan.Runs[0].Factors.Select(f => f.Name));
    }

    [Fact]
    public void Whole_number_ranges_bound_the_number_of_distinct_points()
    {
        var problems = Problems("""
            data: { name: mnist-npm10k }
            epochs: 20
            factors: { pool: [paper6, relu_family] }
            random: { count: 9, ranges: { switch.epoch: { min: 2, max: 5 } } }
            """);
        Assert.Equal(["random.count"], problems.Select(p => p.Path));

        var plan = Spec("""
            data: { name: mnist-npm10k }
            epochs: 20
            factors: { pool: [paper6, relu_family] }
            random: { count: 8, ranges: { switch.epoch: { min: 2, max: 5 } } }
            """).Expand();
        Assert.Equal(8, plan.Runs.Select(r => r.Hash).Distinct().Count());
    }

    [Fact]
    public void A_grid_too_large_to_run_whole_can_still_be_sampled()
    {
        const string huge = """
            data: { name: mnist-npm10k }
            epochs: 20
            factors:
              optimizer.batch_size: [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
              optimizer.beta1: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
              optimizer.beta2: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
              optimizer.weight_decay: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
              optimizer.learning_rate: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
              optimizer.clip_norm: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
            """;
        var problem = Assert.Single(Problems(huge));
        Assert.Equal("factors", problem.Path);
        Assert.Contains("1000000 points", problem.Message);

        var spec = Spec(huge + "\nrandom: 40\n");
        Assert.Equal(1_000_000, spec.GridSize);
        var plan = spec.Expand();
        Assert.Equal(40, plan.Runs.Count);
        Assert.Equal(40, plan.Runs.Select(r => string.Join("/", r.Factors.Select(f => f.Value))).Distinct().Count());
    }
}
