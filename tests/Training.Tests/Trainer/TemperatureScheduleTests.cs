using SmartMixed.Training.Config;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

public class TemperatureScheduleTests
{
    [Fact]
    public void Constant_stays_at_start()
    {
        var s = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Constant, Start: 0.3), 50);
        Assert.Equal(0.3, s.At(0));
        Assert.Equal(0.3, s.At(1000));
    }

    [Fact]
    public void Exponential_decays_by_rate_per_unit_down_to_the_floor()
    {
        var s = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Exponential, Start: 1.0, Floor: 0.5, DecayRate: 0.9), 50);
        Assert.Equal(1.0, s.At(0), 12);
        Assert.Equal(0.81, s.At(2), 12);
        Assert.Equal(0.5, s.At(100), 12);
    }

    [Fact]
    public void Linear_and_cosine_go_from_start_to_floor_over_the_horizon()
    {
        var linear = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Linear, Start: 1.0, Floor: 0.2), defaultHorizon: 8);
        Assert.Equal(1.0, linear.At(0), 12);
        Assert.Equal(0.6, linear.At(4), 12);
        Assert.Equal(0.2, linear.At(8), 12);
        Assert.Equal(0.2, linear.At(20), 12);

        var cosine = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Cosine, Start: 1.0, Floor: 0.2, Horizon: 10), defaultHorizon: 99);
        Assert.Equal(1.0, cosine.At(0), 12);
        Assert.Equal(0.6, cosine.At(5), 12);
        Assert.Equal(0.2, cosine.At(10), 12);
    }

    [Fact]
    public void Per_step_and_per_epoch_read_different_clocks()
    {
        var perStep = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Linear, 1.0, 0.0001, Horizon: 100, Per: ScheduleUnit.Step), 1);
        var perEpoch = new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Linear, 1.0, 0.0001, Horizon: 100, Per: ScheduleUnit.Epoch), 1);
        Assert.Equal(perStep.At(50), perStep.For(epochIndex: 1, step: 50));
        Assert.Equal(perEpoch.At(1), perEpoch.For(epochIndex: 1, step: 50));
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(-1.0, 0.1)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 0.9)]
    public void Nonpositive_tau_or_a_floor_above_the_start_is_an_error(double start, double floor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new TemperatureSchedule(new TemperatureSpec(ScheduleKind.Exponential, start, floor), 10));
        var problems = RunConfigValidator.Problems(new RunConfig { Temperature = new TemperatureSpec(ScheduleKind.Exponential, start, floor) });
        Assert.Contains(problems, p => p.Path.StartsWith("temperature.", StringComparison.Ordinal));
    }
}
