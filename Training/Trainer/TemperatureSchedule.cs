using SmartMixed.Training.Config;

namespace SmartMixed.Training.Trainer;

/// <summary>τ as a function of the position in the selection phase (steps or epochs, from 0).</summary>
public sealed class TemperatureSchedule
{
    private readonly TemperatureSpec _spec;
    private readonly double _horizon;

    /// <param name="defaultHorizon">Units over which linear and cosine anneal when the spec names none.</param>
    public TemperatureSchedule(TemperatureSpec spec, int defaultHorizon)
    {
        if (!(spec.Start > 0)) throw new ArgumentOutOfRangeException(nameof(spec), $"temperature.start: τ must be > 0, got {spec.Start}");
        if (spec.Schedule != ScheduleKind.Constant && !(spec.Floor > 0))
            throw new ArgumentOutOfRangeException(nameof(spec), $"temperature.floor: τ must be > 0, got {spec.Floor}");
        if (spec.Schedule != ScheduleKind.Constant && spec.Floor > spec.Start)
            throw new ArgumentOutOfRangeException(nameof(spec), $"temperature.floor: the floor {spec.Floor} is above the start {spec.Start}");
        _spec = spec;
        _horizon = Math.Max(1, spec.Horizon ?? defaultHorizon);
    }

    public ScheduleUnit Unit => _spec.Per;

    /// <summary>τ at position <paramref name="t"/> (0 = start of the selection phase).</summary>
    public double At(long t)
    {
        var s = _spec;
        double progress = Math.Min(1.0, t / _horizon);
        return s.Schedule switch
        {
            ScheduleKind.Constant => s.Start,
            ScheduleKind.Exponential => Math.Max(s.Floor, s.Start * Math.Pow(s.DecayRate, t)),
            ScheduleKind.Linear => s.Start + (s.Floor - s.Start) * progress,
            ScheduleKind.Cosine => s.Floor + (s.Start - s.Floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(s.Schedule), s.Schedule, "unknown schedule"),
        };
    }

    /// <summary>τ for optimiser step <paramref name="step"/> of epoch <paramref name="epochIndex"/> (both from 0, in phase 1).</summary>
    public double For(int epochIndex, long step) => At(_spec.Per == ScheduleUnit.Step ? step : epochIndex);
}
