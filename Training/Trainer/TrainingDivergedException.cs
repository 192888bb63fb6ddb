namespace SmartMixed.Training.Trainer;

/// <summary>The loss became NaN or infinite; retrying the same config and seed would diverge again.</summary>
public sealed class TrainingDivergedException(int epoch, long step, double loss)
    : Exception($"training diverged: loss is {loss} at epoch {epoch}, step {step}")
{
    public int Epoch { get; } = epoch;
    public long Step { get; } = step;
}
