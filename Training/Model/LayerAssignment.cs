namespace SmartMixed.Training.Model;

/// <summary>
/// The frozen choice of one hidden layer: for each neuron (in the original order) the index of its function in
/// the candidate pool, and the neuron order that makes each function's neurons a contiguous slice.
/// </summary>
public sealed record LayerAssignment(IReadOnlyList<int> FunctionOf)
{
    /// <summary>Neurons sorted by function, stable within a function.</summary>
    public long[] Order() =>
        Enumerable.Range(0, FunctionOf.Count).OrderBy(i => FunctionOf[i]).ThenBy(i => i).Select(i => (long)i).ToArray();

    /// <summary>How many neurons use each of the pool's <paramref name="poolSize"/> functions.</summary>
    public int[] Counts(int poolSize)
    {
        var counts = new int[poolSize];
        foreach (var f in FunctionOf) counts[f]++;
        return counts;
    }

    public static LayerAssignment Uniform(int neurons, int function) => new(Enumerable.Repeat(function, neurons).ToArray());

    public static LayerAssignment From(long[] argmax) => new(argmax.Select(a => (int)a).ToArray());
}
