using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

/// <summary>Each hidden layer's own flip rate, beside the pooled one (where the widest layer dominates).</summary>
public class LayerFlipRateTests
{
    [Fact]
    public void Layer_flip_rates_weighted_by_layer_width_make_the_pooled_rate_and_stop_with_the_selection()
    {
        var config = TestRuns.Small(epochs: 5, switchEpoch: 3) with { Hidden = [24, 8] };
        using var data = TestRuns.SyntheticData();
        using var session = TrainingSession.Start(config, data);
        while (!session.IsFinished) session.RunEpoch();

        foreach (var e in session.History)
        {
            if (e.Phase == 1)
            {
                var rates = Assert.IsAssignableFrom<IReadOnlyList<double>>(e.LayerFlipRates);
                Assert.Equal(2, rates.Count);
                Assert.All(rates, r => Assert.InRange(r, 0, 1));
                Assert.Equal(e.FlipRate!.Value, (rates[0] * 24 + rates[1] * 8) / 32, 12);
            }
            else Assert.Null(e.LayerFlipRates);
        }
        // Early in the selection phase some choices move, so the check above is not only about zeros.
        Assert.Contains(session.History, e => e.LayerFlipRates is { } r && r.Any(x => x > 0));
    }
}
