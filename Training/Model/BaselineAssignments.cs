namespace SmartMixed.Training.Model;

/// <summary>
/// Fixed assignments of the baselines that do not select, drawn from the run's seed: random (each neuron a
/// function uniformly from the pool) and shuffled (given counts per function placed on random neurons).
/// </summary>
public static class BaselineAssignments
{
    /// <summary>Every neuron of every layer a function index drawn uniformly from [0, <paramref name="poolSize"/>).</summary>
    public static int[][] Random(IReadOnlyList<int> hidden, int poolSize, int seed) =>
        hidden.Select((neurons, layer) =>
        {
            var random = new System.Random(SeedSequence.DeriveInt(seed, "random-assignment", layer));
            return Enumerable.Range(0, neurons).Select(_ => random.Next(poolSize)).ToArray();
        }).ToArray();

    /// <summary>
    /// Per layer, <c>counts[k]</c> neurons with function k, in an order shuffled from the seed (Fisher–Yates).
    /// The caller has checked that the counts fit the layers.
    /// </summary>
    public static int[][] Shuffled(IReadOnlyList<IReadOnlyList<int>> counts, int seed) =>
        counts.Select((layerCounts, layer) =>
        {
            var functions = layerCounts.SelectMany((count, k) => Enumerable.Repeat(k, count)).ToArray();
            var random = new System.Random(SeedSequence.DeriveInt(seed, "shuffled-assignment", layer));
            for (int i = functions.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (functions[i], functions[j]) = (functions[j], functions[i]);
            }
            return functions;
        }).ToArray();
}
