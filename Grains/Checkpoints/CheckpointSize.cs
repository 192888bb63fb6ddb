using SmartMixed.Training.Config;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>
/// About how many bytes a run's checkpoint takes: its parameters (weights, biases and, while selecting, the logits)
/// and Adam's two moments per parameter, as 32-bit floats, plus a margin for the header and the history.
/// </summary>
public static class CheckpointSize
{
    public static long Estimate(RunConfig config, int inputs, int classes)
    {
        long parameters = 0;
        int previous = inputs;
        foreach (var width in config.Hidden.Append(classes))
        {
            parameters += (long)previous * width + width;
            previous = width;
        }
        if (!config.IsBaseline) parameters += config.Hidden.Sum(h => (long)h) * config.Pool.Count;
        return 3 * 4 * parameters + 64 * 1024 + 512L * config.Epochs;
    }
}
