using SmartMixed.Training.Metrics;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// What a shuffled baseline takes from its source run: per hidden layer, how many neurons use each function of the
/// pool (in the pool's order), as the source's <see cref="RunResult.Selection"/> reports them. Which neurons got
/// which function is not taken: the baseline places the same counts on random neurons.
/// </summary>
public sealed record SourceAssignment(IReadOnlyList<IReadOnlyList<int>> LayerCounts)
{
    /// <summary>The counts of a finished run's frozen assignment (<see cref="RunResult.Selection"/>).</summary>
    public static SourceAssignment From(IReadOnlyList<LayerSelection> selection) =>
        new(selection.OrderBy(l => l.Layer).Select(l => (IReadOnlyList<int>)l.Counts.ToArray()).ToArray());
}
