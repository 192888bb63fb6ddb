namespace SmartMixed.Training.Metrics;

/// <summary>One hidden layer's selection at one moment: neurons per function (in pool order) and its diversity.</summary>
public sealed record LayerSelection(int Layer, IReadOnlyList<string> Functions, IReadOnlyList<int> Counts)
{
    public int Neurons => Counts.Sum();

    public double Share(int k) => Neurons == 0 ? 0 : (double)Counts[k] / Neurons;

    public Diversity Diversity => Diversity.FromCounts(Counts);
}
